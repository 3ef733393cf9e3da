package io.ekms.kms.ekmclient;

import io.ekms.common.secret.Wipe;
import io.ekms.common.tls.TrustBundle;
import io.ekms.kms.ekmclient.TransportFailure.Kind;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.tls.Tls;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.ConnectedSocketChannelInfo;
import io.helidon.webclient.api.ConnectedSocketInfo;
import io.helidon.webclient.api.ConnectionListener;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.RuntimeUnknownHostException;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * HTTPS to one origin under one trust: a Helidon HTTP/1.1 client with its own keep-alive connection
 * pool, TLS 1.3/1.2 trusting only the given CA certificates (and presenting a client certificate
 * when one is given and the server asks), hostname verification on, no proxy, no redirects. Each
 * request runs on its caller's (virtual) thread: no selector thread, no hand-off. Shared by every
 * vault on the same endpoint.
 *
 * <p>Timeouts: making a connection (TCP, then each read of the TLS handshake) is bounded by the
 * connect timeout; the whole exchange by the read timeout plus a little grace: {@link
 * AnswerDeadlines} interrupts the exchange's virtual thread past it, which closes its connection (a
 * caller on a platform thread has its exchange run on a virtual thread).
 *
 * <p>Lifecycle: callers {@link #acquire()} a lease for each request and {@link #release()} it;
 * {@link #retire()} (evicted, or no connection could be made) closes the client's pooled
 * connections once the last lease is released; {@link #close()} closes them at once.
 *
 * <p>Retry rule: only a connection that could not be established is tried again, once: a connect
 * timeout is retried here unless the caller fails over to another node instead. A request that may
 * have reached the peer is never resent here.
 */
final class Transport implements AutoCloseable {
  /** Lease count once shut down: far below zero, so late releases never bring it back to zero. */
  private static final int SHUT = Integer.MIN_VALUE / 2;

  private static final Duration BODY_GRACE = Duration.ofMillis(100);

  /** Set by the connection listener when the current attempt made a new connection. */
  private static final ThreadLocal<boolean[]> CONNECTED = new ThreadLocal<>();

  /**
   * The socket's read timeout while a request is in flight and while its connection idles in the
   * pool. Not the read timeout: Helidon's pool watches an idle connection for a close by the peer
   * for as long as this, and drops it after; {@link AnswerDeadlines} holds each exchange to the
   * configured read timeout instead.
   */
  private static final Duration SOCKET_READ_LIMIT = Duration.ofMinutes(10);

  private final Http1Client http;
  private final ExecutorService executor;
  private final AnswerDeadlines deadlines;
  private final boolean presentsCertificate;
  private final Duration readTimeout;
  private final long answerWaitNanos;
  private final Runnable onShutdown;
  private final AtomicInteger leases = new AtomicInteger();
  private final AtomicBoolean shut = new AtomicBoolean();
  private volatile boolean retired;

  /**
   * What the EKM answered: status, body (which may hold plaintext, so the caller wipes it) and its
   * {@code Retry-After} in whole seconds (1 to 3600), 0 when it sent none or one of another form.
   */
  record Answer(int status, byte[] body, long retryAfterSeconds) {
    Answer(int status, byte[] body) {
      this(status, body, 0);
    }

    void wipe() {
      Wipe.bytes(body);
    }
  }

  /** {@code Retry-After} as whole seconds (1 to 3600), or 0 when absent or not a number. */
  static long retryAfter(String header) {
    var seconds = io.ekms.common.http.RetryAfter.seconds(header);
    return seconds.isPresent() ? Math.max(1, seconds.getAsLong()) : 0;
  }

  /** {@code onShutdown} runs once, when the client has been shut down. */
  Transport(
      List<X509Certificate> trust,
      EkmClientConfig config,
      ExecutorService executor,
      AnswerDeadlines deadlines,
      Runnable onShutdown) {
    this(trust, null, config, executor, deadlines, onShutdown);
  }

  /** As above, presenting {@code identity} to servers that ask for a client certificate. */
  Transport(
      List<X509Certificate> trust,
      ClientIdentity identity,
      EkmClientConfig config,
      ExecutorService executor,
      AnswerDeadlines deadlines,
      Runnable onShutdown) {
    Tls tls =
        Tls.builder()
            .sslContext(
                identity == null
                    ? TrustBundle.sslContext(trust)
                    : TrustBundle.sslContext(trust, identity.key(), identity.chain()))
            .enabledProtocols(List.of("TLSv1.3", "TLSv1.2"))
            .endpointIdentificationAlgorithm("HTTPS")
            .build();
    Duration connect = config.connectTimeout();
    this.http =
        Http1Client.builder()
            .tls(tls)
            .socketOptions(s -> s.connectTimeout(connect).tcpNoDelay(true))
            // Once connected, the handshake's reads are bounded by the connect timeout too; the
            // answer is bounded by AnswerDeadlines (each request sets SOCKET_READ_LIMIT).
            .connectionListener(handshakeWithin(connect))
            .followRedirects(false)
            .proxy(Proxy.noProxy())
            .dnsResolver(HostKeepingResolver.INSTANCE)
            .keepAlive(true)
            .shareConnectionCache(false)
            .servicesDiscoverServices(false)
            .sendExpectContinue(false)
            .executor(executor)
            .build();
    this.executor = executor;
    this.deadlines = deadlines;
    this.presentsCertificate = identity != null;
    this.readTimeout = config.readTimeout();
    this.answerWaitNanos = readTimeout.plus(BODY_GRACE).toNanos();
    this.onShutdown = onShutdown;
  }

  private static ConnectionListener handshakeWithin(Duration connect) {
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connect.toMillis()));
    return new ConnectionListener() {
      @Override
      public void socketConnected(ConnectedSocketInfo socket) throws IOException {
        socket.socket().setSoTimeout(millis);
        boolean[] connected = CONNECTED.get();
        if (connected != null) {
          connected[0] = true;
        }
      }

      @Override
      public void socketChannelConnected(ConnectedSocketChannelInfo channel) {
        // Only plain sockets are used.
      }
    };
  }

  /** Takes a lease for one request; false once retired or closed (then take another transport). */
  boolean acquire() {
    int n;
    do {
      n = leases.get();
      if (n < 0 || retired) {
        return false;
      }
    } while (!leases.compareAndSet(n, n + 1));
    return true;
  }

  void release() {
    if (leases.decrementAndGet() == 0) {
      shutDownIfIdle();
    }
  }

  /** No new leases; the client shuts down when the last one is released. */
  void retire() {
    retired = true;
    shutDownIfIdle();
  }

  private void shutDownIfIdle() {
    if (retired && leases.compareAndSet(0, SHUT)) {
      shutDown();
    }
  }

  private void shutDown() {
    if (shut.compareAndSet(false, true)) {
      http.closeResource();
      onShutdown.run();
    }
  }

  /**
   * Sends {@code request} and reads an answer of at most {@code maxBody} bytes; a connect timeout
   * is retried once here when {@code retryConnectTimeout} (false when the caller has another node
   * to ask instead).
   */
  Answer send(Outbound request, int maxBody, boolean retryConnectTimeout) throws TransportFailure {
    try {
      return attempt(request, maxBody);
    } catch (TransportFailure failure) {
      if (failure.kind() != Kind.CONNECT_TIMEOUT || !retryConnectTimeout) {
        throw failure;
      }
      return attempt(request, maxBody);
    }
  }

  /**
   * One exchange on a virtual thread: the caller's, or else one started for it (only a virtual
   * thread's blocked read can be cut off at the deadline).
   */
  private Answer attempt(Outbound request, int maxBody) throws TransportFailure {
    if (Thread.currentThread().isVirtual()) {
      return tracked(request, maxBody);
    }
    Future<Answer> answer = executor.submit(() -> tracked(request, maxBody));
    try {
      return answer.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TransportFailure failure) {
        throw failure;
      }
      throw classify(e.getCause());
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new TransportFailure(Kind.INTERRUPTED, "interrupted while waiting for the answer", e);
    }
  }

  /**
   * One exchange, noting whether it made a new connection. With TLS 1.3 a server that refuses the
   * client certificate says so with an alert after the handshake has completed on the client's
   * side; when it closes the connection before the request is even written, the alert is lost to a
   * broken pipe or a reset. So a connection lost before any answer, in the exchange that made it,
   * is reported as refused (the detail says what was seen): by far the likeliest cause, with or
   * without a certificate presented.
   */
  private Answer tracked(Outbound request, int maxBody) throws TransportFailure {
    boolean[] connected = new boolean[1];
    CONNECTED.set(connected); // the request runs on this thread, so the listener sees it
    try {
      return exchange(request, maxBody);
    } catch (TransportFailure failure) {
      if (connected[0] && failure.kind() == Kind.CONNECTION_LOST) {
        throw new TransportFailure(
            Kind.TLS_CLIENT_REFUSED,
            "the connection was closed at once after the TLS handshake, in which the KMS presented "
                + (presentsCertificate ? "its client certificate" : "no client certificate")
                + " ("
                + failure.detail()
                + ")",
            failure.getCause());
      }
      throw failure;
    } finally {
      CONNECTED.remove();
    }
  }

  private Answer exchange(Outbound request, int maxBody) throws TransportFailure {
    long deadline = System.nanoTime() + answerWaitNanos;
    Http1ClientRequest call =
        http.method(Method.create(request.method()))
            .uri(request.url())
            .readTimeout(SOCKET_READ_LIMIT);
    List<String> headers = request.headers();
    for (int i = 0; i < headers.size(); i += 2) {
      call.header(HeaderNames.create(headers.get(i)), headers.get(i + 1));
    }
    AnswerDeadlines.Watch watch = deadlines.watch(deadline);
    try {
      return answer(call, request.body(), maxBody);
    } catch (IOException | RuntimeException e) {
      if (watch.fired()) {
        throw timedOut(e);
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new TransportFailure(Kind.INTERRUPTED, "interrupted while waiting for the answer", e);
      }
      TransportFailure failure = classify(e);
      throw failure.kind() == Kind.TIMED_OUT ? timedOut(e) : failure;
    } finally {
      watch.close();
    }
  }

  private static Answer answer(Http1ClientRequest call, byte[] body, int maxBody)
      throws IOException {
    try (Http1ClientResponse response = body == null ? call.request() : call.submit(body)) {
      long declared = response.headers().contentLength().orElse(-1);
      byte[] answer = BoundedBody.read(response.inputStream(), declared, maxBody);
      String retryAfter = response.headers().first(HeaderNames.RETRY_AFTER).orElse(null);
      return new Answer(response.status().code(), answer, retryAfter(retryAfter));
    }
  }

  private TransportFailure timedOut(Throwable cause) {
    return new TransportFailure(
        Kind.TIMED_OUT, "no complete answer within " + readTimeout.toMillis() + " ms", cause);
  }

  /**
   * Sorts what the client threw. Helidon wraps socket failures in {@link UncheckedIOException}; a
   * TLS handshake that never completes is a {@link SocketTimeoutException} under its "SSL
   * handshake" wrapper, and counts, with a TCP connect timeout, as a connection not made.
   */
  static TransportFailure classify(Throwable failure) {
    Throwable root = failure;
    boolean tls = false;
    boolean untrusted = false;
    boolean badCertificate = false;
    boolean clientRefused = false;
    boolean handshake = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      root = t;
      tls |= t instanceof SSLException;
      clientRefused |= refusedOurCertificate(t);
      untrusted |= t instanceof CertPathBuilderException || t instanceof CertPathValidatorException;
      badCertificate |= t instanceof CertificateException;
      handshake |= t instanceof UncheckedIOException && HANDSHAKE.equals(t.getMessage());
    }
    Throwable cause =
        failure instanceof UncheckedIOException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    String detail = describe(root);
    Kind kind;
    if (untrusted) {
      kind = Kind.TLS_UNTRUSTED;
    } else if (clientRefused) {
      kind = Kind.TLS_CLIENT_REFUSED;
    } else if (tls && badCertificate) {
      kind = Kind.TLS_NAME_MISMATCH;
    } else if (tls) {
      kind = Kind.TLS_FAILED;
    } else if (cause instanceof SocketTimeoutException) {
      kind =
          handshake || CONNECT_TIMED_OUT.equals(cause.getMessage())
              ? Kind.CONNECT_TIMEOUT
              : Kind.TIMED_OUT;
    } else if (cause instanceof ConnectException
        || cause instanceof NoRouteToHostException
        || cause instanceof RuntimeUnknownHostException) {
      kind = Kind.CONNECT_FAILED;
    } else if (cause instanceof BoundedBody.TooLargeException) {
      kind = Kind.ANSWER_TOO_LARGE;
    } else if (cause instanceof IOException
        || cause instanceof DataReader.InsufficientDataAvailableException) {
      kind = Kind.CONNECTION_LOST;
    } else {
      kind = Kind.CONNECTION_LOST;
      detail = "unexpected " + detail;
    }
    return new TransportFailure(kind, detail, failure);
  }

  /** Helidon's wrapper around a failed TLS handshake. */
  private static final String HANDSHAKE = "Failed to execute SSL handshake";

  /** The JDK's message for a TCP connect that timed out. */
  private static final String CONNECT_TIMED_OUT = "Connect timed out";

  /**
   * True when {@code t} reports a fatal alert the peer sent about the client certificate: none
   * given where one is required, or one it does not accept (its CA, its dates, its form). The JDK
   * names the alert in the message, in the handshake or, with TLS 1.3, at the first read after it.
   */
  private static boolean refusedOurCertificate(Throwable t) {
    String m = t.getMessage();
    return m != null && CLIENT_REFUSED.matcher(m).find();
  }

  private static final java.util.regex.Pattern CLIENT_REFUSED =
      java.util.regex.Pattern.compile(
          "Received fatal alert: (certificate_required|bad_certificate|unknown_ca"
              + "|certificate_unknown|certificate_expired|certificate_revoked"
              + "|unsupported_certificate)");

  private static String describe(Throwable t) {
    String message = t.getMessage() == null ? "" : ": " + t.getMessage();
    String text = t.getClass().getSimpleName() + message;
    return text.length() > 240 ? text.substring(0, 240) + "..." : text;
  }

  /** Shuts the client down now, aborting requests in flight. */
  @Override
  public void close() {
    retired = true;
    leases.set(SHUT);
    shutDown();
  }
}
