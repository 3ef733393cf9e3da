package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.error.ApiException;
import io.ekms.kms.auth.RequestVerifier;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A refused signature is the KMS API's 401 NotAuthenticated, with the verifier's sentence. */
class SignatureAuthenticatorTest {
  private final SignatureAuthenticator authenticator =
      new SignatureAuthenticator(new RequestVerifier(keyId -> Optional.empty(), Clock.systemUTC()));

  @Test
  void authenticate_refusedSignature_is401NotAuthenticatedWithoutTheSignature() {
    String signature = "c2VjcmV0LXNpZ25hdHVyZQ==";
    String auth =
        "Signature version=\"1\",keyId=\"x\",algorithm=\"rsa-sha256\",headers=\"date\","
            + "signature=\""
            + signature
            + "\"";
    Map<String, List<String>> headers =
        Map.of("authorization", List.of(auth), "date", List.of("Tue, 04 Mar 2025 05:06:07 GMT"));

    assertThatThrownBy(
            () ->
                authenticator.authenticate(
                    "GET",
                    "/20180608/vaults",
                    name -> headers.getOrDefault(name, List.of()),
                    new byte[0]))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.body().code()).isEqualTo("NotAuthenticated");
              assertThat(e.getMessage())
                  .isNotBlank()
                  .doesNotContain(signature)
                  .doesNotContain(auth);
            });
  }
}
