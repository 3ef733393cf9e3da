package io.ekms.identity.service;

import io.ekms.common.secret.Redacted;
import io.ekms.common.secret.SecretBytes;
import java.util.Objects;

/**
 * A parsed client-credentials token request (RFC 6749 section 4.4.2) with the client's credentials
 * (section 2.3.1). The secret is {@link SecretBytes}: it never shows in {@link #toString()}.
 *
 * @param clientId the presented client id
 * @param secret the presented secret
 * @param method how the client authenticated
 * @param grantType the {@code grant_type} parameter, {@code null} when absent
 * @param scope the {@code scope} parameter, {@code null} when absent
 */
public record TokenRequest(
    String clientId, SecretBytes secret, AuthMethod method, String grantType, String scope) {
  @Override
  public String toString() {
    return Redacted.toString(this);
  }

  /** The two client authentication methods of the token endpoint. */
  public enum AuthMethod {
    CLIENT_SECRET_BASIC("client_secret_basic"),
    CLIENT_SECRET_POST("client_secret_post");

    private final String wireName;

    AuthMethod(String wireName) {
      this.wireName = wireName;
    }

    /** The name used in discovery ({@code token_endpoint_auth_methods_supported}). */
    public String wireName() {
      return wireName;
    }
  }

  public TokenRequest {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(method, "method");
  }
}
