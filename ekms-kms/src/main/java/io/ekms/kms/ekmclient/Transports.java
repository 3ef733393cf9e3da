package io.ekms.kms.ekmclient;

import io.ekms.kms.egress.EgressDenied;
import io.ekms.kms.egress.EgressPolicy;
import io.ekms.kms.ekmclient.TransportFailure.Kind;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTPS clients, one {@link Transport} per peer (EKM or identity server), origin (host and
 * port), trust (the exact CA bundle) and client certificate: every vault behind the same private
 * endpoint shares one connection pool, two endpoints that trust different CAs never share
 * connections, and neither do two client certificates (a rotated one gets a new pool; the old pool
 * is left idle until it is retired as the least recently used).
 *
 * <p>Callers name origins, so the pool is bounded: at most {@code max} transports are open, the
 * least recently used beyond that is retired, and a transport that could not make a connection is
 * retired at once; a retired transport's HTTP client (and its pooled connections) is shut down when
 * its last request ends. Before every request the egress policy is asked again, with a fresh
 * resolution, so a name that now resolves somewhere refused is not connected to.
 */
final class Transports implements AutoCloseable {
  /** At most this many HTTP clients by default. */
  static final int DEFAULT_MAX = 128;

  /** Whom a route reaches, which decides the egress rule. */
  enum Peer {
    EKM,
    IDENTITY
  }

  /** {@code clientIdentity}: the client certificate's {@link ClientIdentity#id()}, "" for none. */
  private record Key(
      Peer peer, String host, int port, String trustFingerprint, String clientIdentity) {}

  /**
   * Where requests go: a peer's origin under one trust, presenting one client certificate or none.
   * It holds no connection itself.
   */
  static final class Route {
    private final Key key;
    private final List<X509Certificate> trust;
    private final ClientIdentity identity;

    private Route(Key key, List<X509Certificate> trust, ClientIdentity identity) {
      this.key = key;
      this.trust = trust;
      this.identity = identity;
    }

    /** What identifies the route: equal for every route to the same origin under the same trust. */
    Object id() {
      return key;
    }

    /** {@code host:port}, for the log. */
    String origin() {
      return (key.host().indexOf(':') >= 0 ? "[" + key.host() + "]" : key.host())
          + ":"
          + key.port();
    }
  }

  private final EkmClientConfig config;
  private final EgressPolicy egress;
  private final int max;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final AnswerDeadlines deadlines = new AnswerDeadlines();
  private final Map<Key, Transport> open = new LinkedHashMap<>(16, 0.75f, true); // by this
  private final AtomicInteger live = new AtomicInteger();
  private boolean closed; // guarded by this

  Transports(EkmClientConfig config, EgressPolicy egress, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    this.config = config;
    this.egress = egress;
    this.max = max;
  }

  /** The route to {@code url}'s origin under {@code trust}, with no client certificate. */
  Route route(Peer peer, URI url, List<X509Certificate> trust) {
    return route(peer, url, trust, null);
  }

  /**
   * The route to {@code url}'s origin under {@code trust}, presenting {@code identity} when the
   * peer asks for a client certificate (null: none). Routes with different certificates never share
   * connections, so a rotated certificate is used from the first request made with it.
   */
  Route route(Peer peer, URI url, List<X509Certificate> trust, ClientIdentity identity) {
    int port = url.getPort() == -1 ? 443 : url.getPort();
    String host = url.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    return new Route(
        new Key(peer, host, port, fingerprint(trust), identity == null ? "" : identity.id()),
        List.copyOf(trust),
        identity);
  }

  /** Sends {@code request} over {@code route} if the egress policy allows it now. */
  Transport.Answer send(Route route, Outbound request, int maxBody) throws TransportFailure {
    return send(route, request, maxBody, true);
  }

  /** As above; a connect timeout is retried on the same route only if {@code retryConnect}. */
  Transport.Answer send(Route route, Outbound request, int maxBody, boolean retryConnect)
      throws TransportFailure {
    allowed(route.key);
    Transport transport = lease(route);
    try {
      return transport.send(request, maxBody, retryConnect);
    } catch (TransportFailure failure) {
      if (failure.kind().noConnection()) {
        retire(route.key, transport);
      }
      throw failure;
    } finally {
      transport.release();
    }
  }

  private void allowed(Key key) throws TransportFailure {
    try {
      if (key.peer() == Peer.EKM) {
        egress.checkPrivateEndpoint(key.host(), key.port());
      } else {
        egress.checkIdentity(key.host(), key.port());
      }
    } catch (EgressDenied e) {
      // A name that does not resolve is as unreachable as a closed port, and answered the same.
      throw e.reason() == EgressDenied.Reason.UNRESOLVED
          ? new TransportFailure(Kind.CONNECT_FAILED, "the host " + e.getMessage(), null)
          : new TransportFailure(Kind.NOT_ALLOWED, "the host " + e.getMessage(), null);
    }
  }

  /**
   * A leased transport for {@code route}: the open one, else a new one (built outside the lock).
   */
  private Transport lease(Route route) {
    Transport built = null;
    try {
      while (true) {
        List<Transport> dropped = new ArrayList<>();
        Transport leased = null;
        synchronized (this) {
          if (closed) {
            throw new IllegalStateException("the EKM clients are closed");
          }
          Transport current = open.get(route.key);
          if (current == null && built != null) {
            current = built;
            built = null;
            open.put(route.key, current);
            trim(dropped);
          }
          if (current != null && current.acquire()) {
            leased = current;
          } else if (current != null) {
            open.remove(route.key, current);
          }
        }
        dropped.forEach(Transport::retire);
        if (leased != null) {
          return leased;
        }
        if (built == null) {
          built =
              new Transport(
                  route.trust, route.identity, config, executor, deadlines, live::decrementAndGet);
          live.incrementAndGet();
        }
      }
    } finally {
      if (built != null) {
        built.retire(); // another caller's transport got there first, or the clients closed
      }
    }
  }

  /** Takes the least recently used transports beyond {@code max} out; the caller retires them. */
  private void trim(List<Transport> dropped) {
    Iterator<Transport> eldest = open.values().iterator();
    while (open.size() > max && eldest.hasNext()) {
      dropped.add(eldest.next());
      eldest.remove();
    }
  }

  private void retire(Key key, Transport transport) {
    synchronized (this) {
      open.remove(key, transport);
    }
    transport.retire();
  }

  /** How many HTTP clients are open now (retired ones count until they are shut down). */
  int live() {
    return live.get();
  }

  /** SHA-256 over the DER encodings, in bundle order. */
  private static String fingerprint(List<X509Certificate> trust) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (X509Certificate certificate : trust) {
        byte[] der = certificate.getEncoded();
        digest.update((byte) (der.length >>> 24));
        digest.update((byte) (der.length >>> 16));
        digest.update((byte) (der.length >>> 8));
        digest.update((byte) der.length);
        digest.update(der);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalArgumentException("a CA certificate cannot be encoded", e);
    }
  }

  @Override
  public void close() {
    List<Transport> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(open.values());
      open.clear();
    }
    all.forEach(Transport::close);
    executor.shutdownNow();
    deadlines.close();
  }
}
