package io.ekms.conformance;

import io.ekms.common.secret.SecretBytes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Where the kit's valid bearer token comes from: given as it is, or fetched once with the OAuth2
 * client-credentials grant, as a cloud KMS fetches it.
 */
@FunctionalInterface
public interface TokenSource {
  String token() throws Exception;

  static TokenSource fixed(String token) {
    return () -> token;
  }

  /**
   * Fetches a token from {@code tokenUrl} with HTTP Basic client authentication on the first use
   * and keeps it for the run (a run lasts far less than a token's life).
   */
  static TokenSource clientCredentials(
      Wire wire, String tokenUrl, String clientId, SecretBytes secret, String scope) {
    return new TokenSource() {
      private String token;

      @Override
      public synchronized String token() throws Exception {
        if (token == null) {
          token = fetch();
        }
        return token;
      }

      private String fetch() throws Exception {
        String basic = clientId + ":" + secret.reveal(b -> new String(b, StandardCharsets.UTF_8));
        String form =
            "grant_type=client_credentials&scope="
                + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        Answer answer =
            wire.send(
                "POST",
                tokenUrl,
                Map.of(
                    "Content-Type",
                    "application/x-www-form-urlencoded",
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(basic.getBytes(StandardCharsets.UTF_8))),
                form.getBytes(StandardCharsets.UTF_8));
        String token = answer.field("access_token");
        if (answer.status() != 200 || token.isEmpty()) {
          throw new IllegalStateException(
              "the token endpoint answered " + answer.status() + " without an access token");
        }
        return token;
      }
    };
  }
}
