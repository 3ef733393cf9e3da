package io.ekms.it;

import static io.ekms.it.Attack.of;

import io.ekms.sdk.ApiKey;
import io.ekms.stack.StackTenant;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The KMS API attacked from outside over HTTPS: forged and stale signatures, one tenancy's user
 * aimed at the other's vault, key, versions and private endpoint, hostile ids and bodies, and
 * destinations the egress policy refuses. Each case names its exact status and code.
 */
class KmsAttackTest {
  private static AttackWorld w;
  private static StackTenant a;
  private static StackTenant b;

  @BeforeAll
  static void world() throws Exception {
    w = AttackWorld.shared();
    a = w.alpha;
    b = w.bravo;
  }

  private static String crypto(StackTenant t) {
    return "/kms/" + t.vaultId() + "/crypto/20180608";
  }

  private static String keys(StackTenant t) {
    return "/kms/" + t.vaultId() + "/management/20180608/keys";
  }

  private static String encryptBody(String keyId) {
    return "{\"keyId\":\"" + keyId + "\",\"plaintext\":\"aGVsbG8=\"}";
  }

  private static Answer as(StackTenant t, String method, String path, String body) {
    return w.kms(t, method, path, body);
  }

  @TestFactory
  Stream<DynamicTest> authentication_forgedOrStale_401NotAuthenticated() {
    String vault = "/20180608/vaults/" + a.vaultId();
    return Attack.run(
        List.of(
            of(
                "unsigned",
                401,
                "NotAuthenticated",
                () -> w.raw(w.kmsUrl(), "GET", vault, Map.of(), null)),
            of(
                "signed ten minutes ago",
                401,
                "NotAuthenticated",
                () ->
                    w.kmsSigned(
                        a.apiKey(),
                        Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)),
                        "GET",
                        vault,
                        null,
                        Map.of())),
            of(
                "date changed after signing",
                401,
                "NotAuthenticated",
                () ->
                    w.kms(a, "GET", vault, null, Map.of("date", "Mon, 01 Jan 2024 00:00:00 GMT"))),
            of(
                "body changed after signing",
                401,
                "NotAuthenticated",
                () ->
                    w.kms(
                        a,
                        "POST",
                        crypto(a) + "/encrypt",
                        encryptBody(a.keyId()),
                        Map.of(
                            "x-content-sha256", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))),
            of(
                "unknown user",
                401,
                "NotAuthenticated",
                () ->
                    w.kmsSigned(
                        new ApiKey(
                            a.tenancyId(),
                            "ocid1.user.oc1..nobody",
                            a.apiKey().fingerprint(),
                            a.apiKey().privateKey()),
                        Clock.systemUTC(),
                        "GET",
                        vault,
                        null,
                        Map.of())),
            of(
                "another user's key id with this user's key",
                401,
                "NotAuthenticated",
                () ->
                    w.kmsSigned(
                        new ApiKey(
                            b.tenancyId(),
                            b.apiKey().userId(),
                            b.apiKey().fingerprint(),
                            a.apiKey().privateKey()),
                        Clock.systemUTC(),
                        "GET",
                        vault,
                        null,
                        Map.of())),
            of(
                "garbage authorization",
                401,
                "NotAuthenticated",
                () ->
                    w.raw(
                        w.kmsUrl(),
                        "GET",
                        vault,
                        Map.of("authorization", "Signature keyId=\"\u00e9\",signature=\"%%\""),
                        null))));
  }

  @TestFactory
  Stream<DynamicTest> crossTenancy_bravoAimsAtAlpha_404LikeMissing() {
    String notFound = "NotAuthorizedOrNotFound";
    String aKey = keys(a) + "/" + a.keyId();
    return Attack.run(
        List.of(
            of(
                "CreateKey in alpha's vault",
                404,
                notFound,
                () ->
                    as(
                        b,
                        "POST",
                        keys(a),
                        "{\"compartmentId\":\""
                            + b.compartmentId()
                            + "\",\"displayName\":\"x\",\"keyShape\":{\"algorithm\":\"AES\",\"length\":32},"
                            + "\"protectionMode\":\"EXTERNAL\",\"externalKeyReference\":{\"externalKeyId\":\""
                            + a.ekmKeyId()
                            + "\"}}")),
            of(
                "ListKeys of alpha's vault",
                404,
                notFound,
                () -> as(b, "GET", keys(a) + "?compartmentId=" + b.compartmentId(), null)),
            of("GetKey", 404, notFound, () -> as(b, "GET", aKey, null)),
            of("ListKeyVersions", 404, notFound, () -> as(b, "GET", aKey + "/keyVersions", null)),
            of("DisableKey", 404, notFound, () -> as(b, "POST", aKey + "/actions/disable", "")),
            of(
                "Encrypt",
                404,
                notFound,
                () -> as(b, "POST", crypto(a) + "/encrypt", encryptBody(a.keyId()))),
            of(
                "Encrypt with alpha's key on bravo's own endpoint",
                404,
                notFound,
                () -> as(b, "POST", crypto(b) + "/encrypt", encryptBody(a.keyId()))),
            of(
                "Decrypt of alpha's own ciphertext",
                404,
                notFound,
                () ->
                    as(
                        b,
                        "POST",
                        crypto(a) + "/decrypt",
                        "{\"keyId\":\""
                            + a.keyId()
                            + "\",\"ciphertext\":\""
                            + alphaCiphertext()
                            + "\"}")),
            of(
                "GenerateDataEncryptionKey",
                404,
                notFound,
                () ->
                    as(
                        b,
                        "POST",
                        crypto(a) + "/generateDataEncryptionKey",
                        "{\"keyId\":\""
                            + a.keyId()
                            + "\",\"keyShape\":{\"algorithm\":\"AES\",\"length\":32}}")),
            of(
                "GetVault",
                404,
                notFound,
                () -> as(b, "GET", "/20180608/vaults/" + a.vaultId(), null)),
            of(
                "GetEkmsPrivateEndpoint",
                404,
                notFound,
                () ->
                    as(b, "GET", "/20180608/ekmsPrivateEndpoints/" + a.privateEndpointId(), null)),
            of(
                "CreateVault through alpha's private endpoint",
                404,
                notFound,
                () ->
                    as(
                        b,
                        "POST",
                        "/20180608/vaults",
                        createVaultBody(
                            b.compartmentId(),
                            a.privateEndpointId(),
                            w.stack.identity().issuer())))));
  }

  @TestFactory
  Stream<DynamicTest> hostileInput_signedByOwner_400OrAnswered() {
    String bad = "InvalidParameter";
    String enc = crypto(a) + "/encrypt";
    return Attack.run(
        List.of(
            of("malformed keyId", 400, bad, () -> as(a, "POST", enc, encryptBody("abc"))),
            of(
                "keyVersionId NUL",
                400,
                bad,
                () ->
                    as(
                        a,
                        "POST",
                        enc,
                        "{\"keyId\":\""
                            + a.keyId()
                            + "\",\"plaintext\":\"aGk=\",\"keyVersionId\":\"\\u0000\"}")),
            of(
                "key version id %00 in the path",
                400, bad, () -> as(a, "GET", keys(a) + "/" + a.keyId() + "/keyVersions/%00", null)),
            of(
                "vault id of 300 characters",
                400,
                bad,
                () -> as(a, "GET", "/20180608/vaults/" + "v".repeat(300), null)),
            of(
                "right-to-left mark in the key id",
                400,
                bad,
                () -> as(a, "GET", keys(a) + "/%E2%80%AE" + a.keyId(), null)),
            of(
                "loggingContext with NUL and half a surrogate pair",
                200,
                "",
                () ->
                    as(
                        a,
                        "POST",
                        enc,
                        "{\"keyId\":\""
                            + a.keyId()
                            + "\",\"plaintext\":\"aGk=\",\"loggingContext\":{\"a\\u0000\":\"x\\ud800\"}}")),
            of(
                "loggingContext with a null value",
                200,
                "",
                () ->
                    as(
                        a,
                        "POST",
                        enc,
                        "{\"keyId\":\""
                            + a.keyId()
                            + "\",\"plaintext\":\"aGk=\",\"loggingContext\":{\"a\":null}}")),
            of("malformed JSON", 400, bad, () -> as(a, "POST", enc, "{\"keyId\":")),
            of(
                "plaintext of the wrong type",
                400,
                bad,
                () -> as(a, "POST", enc, "{\"keyId\":\"" + a.keyId() + "\",\"plaintext\":5}")),
            of(
                "plaintext not Base64",
                400,
                bad,
                () ->
                    as(a, "POST", enc, "{\"keyId\":\"" + a.keyId() + "\",\"plaintext\":\"@@@\"}")),
            of(
                "plaintext over 4096 bytes",
                400,
                bad,
                () ->
                    as(
                        a,
                        "POST",
                        enc,
                        "{\"keyId\":\""
                            + a.keyId()
                            + "\",\"plaintext\":\""
                            + "A".repeat(5464)
                            + "\"}")),
            of("deep nesting", 400, bad, () -> as(a, "POST", enc, "[".repeat(5000))),
            of(
                "body over 64 KiB",
                400,
                bad,
                () -> as(a, "POST", enc, "{\"a\":\"" + "x".repeat(70_000) + "\"}")),
            of(
                "ciphertext that is no KMS ciphertext",
                400,
                bad,
                () ->
                    as(
                        a,
                        "POST",
                        crypto(a) + "/decrypt",
                        "{\"keyId\":\"" + a.keyId() + "\",\"ciphertext\":\"AAAAAAAAAAAAAAAA\"}")),
            of(
                "key length 17",
                400,
                bad,
                () ->
                    as(
                        a,
                        "POST",
                        keys(a),
                        "{\"compartmentId\":\""
                            + a.compartmentId()
                            + "\",\"displayName\":\"x\",\"keyShape\":{\"algorithm\":\"AES\",\"length\":17},"
                            + "\"protectionMode\":\"EXTERNAL\",\"externalKeyReference\":{\"externalKeyId\":\""
                            + a.ekmKeyId()
                            + "\"}}")),
            of(
                "private endpoint at the cloud metadata address",
                400,
                bad,
                () ->
                    as(
                        a,
                        "POST",
                        "/20180608/ekmsPrivateEndpoints",
                        "{\"compartmentId\":\""
                            + a.compartmentId()
                            + "\",\"displayName\":\"x\",\"subnetId\":\"ocid1.subnet.oc1..x\","
                            + "\"externalKeyManagerIp\":\"169.254.169.254\",\"port\":443,"
                            + "\"caBundle\":\"x\"}")),
            of(
                "vault whose identity URL is the cloud metadata address",
                400,
                bad,
                () ->
                    as(
                        a,
                        "POST",
                        "/20180608/vaults",
                        createVaultBody(
                            a.compartmentId(),
                            a.privateEndpointId(),
                            "https://169.254.169.254")))));
  }

  /** A ciphertext alpha made, as an attacker holding stolen data would have. */
  private static String alphaCiphertext() {
    return as(a, "POST", crypto(a) + "/encrypt", encryptBody(a.keyId()))
        .json()
        .path("ciphertext")
        .asText();
  }

  private static String createVaultBody(String compartment, String endpointId, String idcsUrl) {
    return "{\"compartmentId\":\""
        + compartment
        + "\",\"displayName\":\"x\",\"vaultType\":\"EXTERNAL\",\"externalKeyManagerMetadata\":{"
        + "\"externalVaultEndpointUrl\":\""
        + w.stack.ekmUrl()
        + "/oci/ekm/v1/vaults/"
        + a.ekmVaultId()
        + "\",\"privateEndpointId\":\""
        + endpointId
        + "\",\"oauthMetadata\":{\"idcsAccountNameUrl\":\""
        + idcsUrl
        + "\",\"clientAppId\":\"x\",\"clientAppSecret\":\"y\"}}}";
  }
}
