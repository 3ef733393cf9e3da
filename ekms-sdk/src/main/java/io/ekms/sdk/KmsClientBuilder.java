package io.ekms.sdk;

import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Builds a {@link KmsClient}. Required: {@link #endpoint} and an API key ({@link #apiKey} or {@link
 * #profile}). TLS trusts the JDK's CAs unless {@link #trust} names a CA bundle.
 */
public final class KmsClientBuilder {
  private String endpoint;
  private ApiKey apiKey;
  private SSLContext ssl;
  private Duration timeout = Duration.ofSeconds(30);
  private Clock clock = Clock.systemUTC();

  KmsClientBuilder() {}

  /** The KMS's base URL, for example {@code https://127.0.0.1:8443}. */
  public KmsClientBuilder endpoint(String endpoint) {
    URI uri = URI.create(endpoint);
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new IllegalArgumentException("the endpoint must be an http(s) URL with a host");
    }
    this.endpoint =
        endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    return this;
  }

  /** The API key that signs requests. */
  public KmsClientBuilder apiKey(ApiKey apiKey) {
    this.apiKey = apiKey;
    return this;
  }

  /** The API key of {@code profile} in the OCI-style config file {@code file}. */
  public KmsClientBuilder profile(Path file, String profile) throws IOException {
    this.apiKey = OciConfigFile.load(file, profile).apiKey();
    return this;
  }

  /** Trusts only the CA certificates in the PEM file {@code caBundle}. */
  public KmsClientBuilder trust(Path caBundle) throws IOException {
    this.ssl = TrustBundle.sslContext(Pem.certificates(caBundle));
    return this;
  }

  /** Uses {@code ssl} for TLS. */
  public KmsClientBuilder sslContext(SSLContext ssl) {
    this.ssl = ssl;
    return this;
  }

  /** The time limit of each request (30 seconds by default). */
  public KmsClientBuilder timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** The clock that dates signatures (the system's by default). */
  public KmsClientBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /**
   * The client.
   *
   * @throws IllegalStateException when the endpoint or the API key is missing
   */
  public KmsClient build() {
    if (endpoint == null || apiKey == null) {
      throw new IllegalStateException("a KmsClient needs an endpoint and an API key");
    }
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER);
    if (ssl != null) {
      http.sslContext(ssl);
    }
    return new KmsClient(
        endpoint, new KmsTransport(http.build(), new RequestSigner(apiKey, clock), timeout));
  }
}
