package io.ekms.kms.ekmclient;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One {@link Transport} per origin (host and port) and trust (the exact CA bundle), created on
 * first use and kept until {@link #close()}: every vault behind the same private endpoint shares
 * one connection pool, and two endpoints that trust different CAs never share connections.
 */
final class Transports implements AutoCloseable {
  private record Origin(String host, int port, String trustFingerprint) {}

  private final EkmClientConfig config;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<Origin, Transport> transports = new ConcurrentHashMap<>();
  private volatile boolean closed;

  Transports(EkmClientConfig config) {
    this.config = config;
  }

  /** The transport for {@code url}'s origin under {@code trust}. */
  Transport forUrl(URI url, List<X509Certificate> trust) {
    if (closed) {
      throw new IllegalStateException("the EKM clients are closed");
    }
    int port = url.getPort() == -1 ? 443 : url.getPort();
    Origin origin = new Origin(url.getHost().toLowerCase(Locale.ROOT), port, fingerprint(trust));
    return transports.computeIfAbsent(origin, o -> new Transport(trust, config, executor));
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
    closed = true;
    transports.values().forEach(Transport::close);
    transports.clear();
    executor.shutdownNow();
  }
}
