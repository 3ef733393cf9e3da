package io.ekms.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * A signed JSON POST over a keep-alive HTTPS client: a KMS crypto request signed by the SDK's
 * {@code RequestSigner}, or an XKS request signed with SigV4. Signing (RSA above all) costs the
 * client more than verifying costs the server, so by default the signed headers are reused while
 * their date is well inside the servers' 5-minute window (re-signed every {@link #REUSE}); with
 * {@code freshSignature} every request is signed anew. Each request still carries its own {@code
 * opc-request-id}, which is not signed.
 */
final class SignedPost implements Replayable {
  /** Signs a POST of {@code body} to {@code uri}: the headers to add. */
  @FunctionalInterface
  interface Signer {
    Map<String, String> sign(URI uri, byte[] body);
  }

  static final Duration REUSE = Duration.ofSeconds(60);
  private final HttpClient http;
  private final Signer signer;
  private final URI uri;
  private final byte[] body;
  private final boolean freshSignature;
  private final AtomicLong requestIds = new AtomicLong();
  private volatile Signed signed;

  private record Signed(Map<String, String> headers, long atNanos) {}

  SignedPost(SSLContext trust, Signer signer, String url, String json, boolean freshSignature) {
    this.http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trust).build();
    this.signer = signer;
    this.uri = URI.create(url);
    this.body = json.getBytes(StandardCharsets.UTF_8);
    this.freshSignature = freshSignature;
  }

  @Override
  public void run() throws Exception {
    HttpResponse<byte[]> r = http.send(request(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("status " + r.statusCode());
    }
  }

  /** The answer's body, for setting up a scenario (a ciphertext to decrypt, say). */
  String body() throws Exception {
    HttpResponse<String> r = http.send(request(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(uri.getPath() + " answered " + r.statusCode());
    }
    return r.body();
  }

  private HttpRequest request() {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .header("accept", "application/json")
            .header("opc-request-id", "bench-" + requestIds.incrementAndGet())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers().forEach(b::header);
    return b.build();
  }

  /**
   * The request with the signature now in use (valid for minutes yet) and a fixed {@code
   * opc-request-id}: an outside load generator sends it as it is, as {@code bench/outside.sh} does.
   * Empty with {@code freshSignature}: each request is signed anew, which only the in-JVM generator
   * does.
   */
  @Override
  public Optional<Wire> replay() {
    if (freshSignature) {
      return Optional.empty();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("accept", "application/json");
    headers.put("opc-request-id", "bench-replayed");
    headers()
        .forEach(
            (name, value) -> {
              if (!name.equalsIgnoreCase("content-length")) {
                headers.put(name, value);
              }
            });
    return Optional.of(new Wire("POST", uri, headers, body));
  }

  private Map<String, String> headers() {
    if (freshSignature) {
      return signer.sign(uri, body);
    }
    Signed s = signed;
    long now = System.nanoTime();
    if (s == null || now - s.atNanos() > REUSE.toNanos()) {
      synchronized (this) {
        s = signed;
        if (s == null || now - s.atNanos() > REUSE.toNanos()) {
          s = new Signed(signer.sign(uri, body), now);
          signed = s;
        }
      }
    }
    return s.headers();
  }
}
