package io.ekms.it;

import static io.ekms.it.Attack.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The AWS XKS proxy API attacked from outside over HTTPS: paths, methods, forged and stale
 * signatures, unknown access keys, hostile key ids and bodies. Each case names its exact status and
 * errorName.
 */
class XksAttackTest {
  private static final String META =
      "{\"kmsRequestId\":\"r-1\",\"kmsOperation\":\"Encrypt\","
          + "\"awsPrincipalArn\":\"arn:aws:iam::111122223333:user/a\"}";
  private static AttackWorld w;
  private static String key;

  @BeforeAll
  static void world() throws Exception {
    w = AttackWorld.shared();
    key = "/kms/xks/v1/keys/" + AttackWorld.XKS_KEY;
  }

  private static String encrypt(String plaintext) {
    return "{\"requestMetadata\":"
        + META
        + ",\"plaintext\":\""
        + plaintext
        + "\",\"encryptionAlgorithm\":\"AES_GCM\"}";
  }

  private static Answer signed(String path, String body) {
    return w.xks(path, body);
  }

  private static Answer unknownAccessKey() {
    return w.xksSigned(
        key + "/encrypt",
        encrypt("aGk="),
        AttackWorld.newAccessKeyId(),
        Base64.getEncoder().encodeToString(new byte[32]),
        Map.of());
  }

  private static Answer wrongSecret() {
    return w.xksSigned(
        key + "/encrypt",
        encrypt("aGk="),
        w.xksAccessKeyId,
        Base64.getEncoder().encodeToString(new byte[32]),
        Map.of());
  }

  @TestFactory
  Stream<DynamicTest> xksApi_hostileRequests_answeredExactly() {
    String v = "ValidationException";
    String url = w.xksBase() + "/" + AttackWorld.XKS_PREFIX;
    return Attack.run(
        List.of(
            of(
                "unknown prefix",
                404,
                "InvalidUriPathException",
                () -> w.raw(w.xksBase(), "POST", "/nope/kms/xks/v1/health", Map.of(), "{}")),
            of(
                "unknown operation",
                404,
                "InvalidUriPathException",
                () -> signed(key + "/sign", "{}")),
            of(
                "GET an operation",
                405,
                "MethodNotAllowedException",
                () -> w.raw(url, "GET", key + "/encrypt", Map.of(), null)),
            of(
                "unsigned",
                401,
                "AuthenticationFailedException",
                () -> w.raw(url, "POST", key + "/encrypt", Map.of(), encrypt("aGk="))),
            of(
                "unknown access key id",
                401,
                "AuthenticationFailedException",
                XksAttackTest::unknownAccessKey),
            of("wrong secret", 401, "AuthenticationFailedException", XksAttackTest::wrongSecret),
            of(
                "signed a day ago",
                401,
                "AuthenticationFailedException",
                () ->
                    w.xksSigned(
                        key + "/encrypt",
                        encrypt("aGk="),
                        w.xksAccessKeyId,
                        "unused-secret-of-43-characters-xxxxxxxxxxxxx",
                        Map.of("X-Amz-Date", "20240101T000000Z"))),
            of(
                "garbage authorization",
                401,
                "AuthenticationFailedException",
                () ->
                    w.raw(
                        url,
                        "POST",
                        key + "/encrypt",
                        Map.of("Authorization", "AWS4-HMAC-SHA256 \u00e9\u00e9"),
                        encrypt("aGk="))),
            of(
                "key id with characters XKS forbids",
                400,
                v,
                () -> signed("/kms/xks/v1/keys/%E2%80%AEkey/encrypt", encrypt("aGk="))),
            of(
                "key id of 300 characters",
                400,
                v,
                () -> signed("/kms/xks/v1/keys/" + "k".repeat(300) + "/encrypt", encrypt("aGk="))),
            of(
                "unknown key",
                404,
                "KeyNotFoundException",
                () -> signed("/kms/xks/v1/keys/nobody/encrypt", encrypt("aGk="))),
            of("empty object", 400, v, () -> signed(key + "/encrypt", "{}")),
            of(
                "empty requestMetadata",
                400,
                v,
                () -> signed(key + "/metadata", "{\"requestMetadata\":{}}")),
            of("health: empty object", 400, v, () -> signed("/kms/xks/v1/health", "{}")),
            of("malformed JSON", 400, v, () -> signed(key + "/encrypt", "{\"requestMetadata\":")),
            of("plaintext not Base64", 400, v, () -> signed(key + "/encrypt", encrypt("%%%"))),
            of(
                "algorithm AES_CBC",
                400,
                v,
                () ->
                    signed(
                        key + "/encrypt", encrypt("aGk=").replace("\"AES_GCM\"", "\"AES_CBC\""))),
            of(
                "integrity value algorithm MD5",
                400,
                v,
                () ->
                    signed(
                        key + "/encrypt",
                        encrypt("aGk=")
                            .replace("}", ",\"ciphertextDataIntegrityValueAlgorithm\":\"MD5\"}"))),
            of(
                "decrypt: 11-byte iv",
                400,
                v,
                () ->
                    signed(
                        key + "/decrypt",
                        "{\"requestMetadata\":"
                            + META
                            + ",\"ciphertext\":\"aGk=\",\"encryptionAlgorithm\":\"AES_GCM\","
                            + "\"initializationVector\":\"AAAAAAAAAAAAAAA=\","
                            + "\"authenticationTag\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}")),
            of(
                "decrypt: forged ciphertext",
                400,
                "InvalidCiphertextException",
                () ->
                    signed(
                        key + "/decrypt",
                        "{\"requestMetadata\":"
                            + META
                            + ",\"ciphertext\":\"aGk=\",\"encryptionAlgorithm\":\"AES_GCM\","
                            + "\"initializationVector\":\"AAAAAAAAAAAAAAAA\","
                            + "\"authenticationTag\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}")),
            of(
                "body over 64 KiB",
                501,
                "UnsupportedOperationException",
                () -> signed(key + "/encrypt", encrypt("A".repeat(70_000)))),
            of(
                "plaintext over the proxy's limit",
                501,
                "UnsupportedOperationException",
                () -> signed(key + "/encrypt", encrypt("A".repeat(12_000)))),
            of(
                "requestMetadata an array",
                400,
                v,
                () -> signed(key + "/metadata", "{\"requestMetadata\":[]}")),
            of(
                "kmsRequestId a number",
                400,
                v,
                () ->
                    signed(
                        key + "/metadata",
                        "{\"requestMetadata\":{\"kmsRequestId\":5,\"kmsOperation\":\"x\","
                            + "\"awsPrincipalArn\":\"a\"}}")),
            of(
                "principal ARN over 2048 characters",
                400,
                v,
                () ->
                    signed(
                        key + "/metadata",
                        "{\"requestMetadata\":{\"kmsRequestId\":\"r\",\"kmsOperation\":\"x\","
                            + "\"awsPrincipalArn\":\""
                            + "a".repeat(2049)
                            + "\"}}"))));
  }

  /** An unknown access key and a wrong signature must not be told apart from outside. */
  @Test
  void authenticate_unknownKeyOrWrongSecret_sameAnswer() {
    Answer unknown = unknownAccessKey();
    Answer wrong = wrongSecret();

    assertThat(unknown.status()).isEqualTo(wrong.status());
    assertThat(unknown.code()).isEqualTo(wrong.code());
    assertThat(unknown.message()).isEqualTo(wrong.message());
  }
}
