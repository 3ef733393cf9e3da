package io.ekms.kms.auth;

import com.oracle.bmc.auth.SimpleAuthenticationDetailsProvider;
import com.oracle.bmc.http.signing.DefaultRequestSigner;
import com.oracle.bmc.http.signing.RequestSigner;
import com.oracle.bmc.http.signing.SigningStrategy;
import io.ekms.core.tls.PemWriter;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs requests with the official OCI Java SDK's own signer, the independent reference the
 * verifier is tested against. The keyId is built by the SDK from the tenancy, user and fingerprint
 * given here, so tests can name a key other than the one that signs.
 */
final class SdkSigner {
  private final RequestSigner signer;

  SdkSigner(String tenancyId, String userId, String fingerprint, KeyPair pair) {
    this(tenancyId, userId, fingerprint, pair, SigningStrategy.STANDARD);
  }

  SdkSigner(
      String tenancyId, String userId, String fingerprint, KeyPair pair, SigningStrategy strategy) {
    byte[] pem = PemWriter.encode(pair.getPrivate()).getBytes(StandardCharsets.US_ASCII);
    SimpleAuthenticationDetailsProvider provider =
        SimpleAuthenticationDetailsProvider.builder()
            .tenantId(tenancyId)
            .userId(userId)
            .fingerprint(fingerprint)
            .privateKeySupplier(() -> new ByteArrayInputStream(pem))
            .build();
    this.signer = DefaultRequestSigner.createRequestSigner(provider, strategy);
  }

  /**
   * The headers of a signed request: {@code given} plus what the SDK adds (authorization, host, and
   * for bodies content-length and x-content-sha256; date only when {@code given} has none).
   */
  Map<String, List<String>> sign(String method, URI uri, Map<String, String> given, String body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    given.forEach((name, value) -> headers.put(name, new ArrayList<>(List.of(value))));
    Map<String, String> added = signer.signRequest(uri, method, headers, body);
    added.forEach((name, value) -> headers.put(name, new ArrayList<>(List.of(value))));
    return headers;
  }
}
