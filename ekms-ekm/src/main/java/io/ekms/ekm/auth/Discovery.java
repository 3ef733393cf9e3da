package io.ekms.ekm.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import io.ekms.common.json.Json;
import io.ekms.common.json.JsonInputException;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;

/** Fetching issuer metadata: the HTTPS retriever of one issuer and its OIDC discovery document. */
final class Discovery {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
  static final int MAX_DOCUMENT_BYTES = 64 * 1024;

  /** Where an issuer's keys are, and the {@code iss} its tokens carry. */
  record Endpoints(String issuer, URL jwksUri) {}

  /** The two fields of an OIDC discovery document the EKM uses; the rest is ignored. */
  private record Document(String issuer, @JsonProperty("jwks_uri") String jwksUri) {}

  private Discovery() {}

  /** A retriever with timeouts, a size limit and the issuer's CA bundle (or the JVM's trust). */
  static ResourceRetriever retriever(TrustedIssuer config) {
    SSLSocketFactory sockets =
        config.caBundlePem() == null
            ? null
            : TrustBundle.sslContext(Pem.certificates(config.caBundlePem())).getSocketFactory();
    return new DefaultResourceRetriever(
        (int) CONNECT_TIMEOUT.toMillis(),
        (int) READ_TIMEOUT.toMillis(),
        MAX_DOCUMENT_BYTES,
        true,
        sockets);
  }

  /**
   * The endpoints of {@code config}: as configured, or read from its discovery document, whose
   * {@code issuer} must equal {@link TrustedIssuer#expectedIssuer()} and whose {@code jwks_uri}
   * must pass the same URL rules as configured ones.
   *
   * @throws IOException when the document cannot be fetched or is not acceptable
   */
  static Endpoints resolve(TrustedIssuer config, ResourceRetriever retriever) throws IOException {
    String name = "trusted issuer '" + config.id() + "'";
    if (config.jwksUri() != null) {
      return new Endpoints(config.issuer(), FetchUrls.check(name + " jwksUri", config.jwksUri()));
    }
    URL url = FetchUrls.check(name + " discoveryUrl", config.discoveryUrl());
    String content = retriever.retrieveResource(url).getContent();
    Document document;
    try {
      document = Json.read(content.getBytes(StandardCharsets.UTF_8), Document.class);
    } catch (JsonInputException e) {
      throw new IOException("discovery document of " + name + " is not valid JSON", e);
    }
    if (!config.expectedIssuer().equals(document.issuer())) {
      throw new IOException("discovery document of " + name + " names a different issuer");
    }
    try {
      return new Endpoints(
          document.issuer(), FetchUrls.check(name + " jwks_uri", document.jwksUri()));
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
