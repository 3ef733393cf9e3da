package io.ekms.identity.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ekms.common.secret.Redacted;
import io.ekms.common.secret.WireSecret;

/**
 * The successful token response (RFC 6749 section 5.1). {@code scope} is sent only when the client
 * did not ask for one, since the server then chose it (section 3.3).
 */
public record TokenResponse(
    @JsonProperty("access_token") WireSecret accessToken,
    @JsonProperty("token_type") String tokenType,
    @JsonProperty("expires_in") long expiresIn,
    @JsonProperty("scope") String scope) {
  @Override
  public String toString() {
    return Redacted.toString(this);
  }
}
