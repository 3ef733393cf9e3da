package io.ekms.ekm.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A trusted OAuth issuer, configured by its discovery URL or by issuer and JWKS URL, with an
 * optional CA bundle to trust when fetching them.
 */
public record Issuer(
    String id,
    String issuer,
    String jwksUri,
    String discoveryUrl,
    String caBundlePem,
    Instant createdAt) {
  public Issuer {
    Objects.requireNonNull(id);
    if (issuer == null || issuer.isBlank() || issuer.length() > 512) {
      throw new IllegalArgumentException("issuer must be 1 to 512 characters");
    }
    if (jwksUri == null && discoveryUrl == null) {
      throw new IllegalArgumentException("an issuer needs a jwksUri or a discoveryUrl");
    }
    if (caBundlePem != null && caBundlePem.length() > 65_536) {
      throw new IllegalArgumentException("caBundle must be at most 64 KiB");
    }
  }
}
