package io.ekms.it;

import static io.ekms.it.Attack.of;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The three admin APIs (EKM with its XKS key stores, KMS, identity) attacked from outside over
 * HTTPS: missing, wrong and other servers' tokens, hostile ids, queries and bodies, and admin paths
 * asked of the public listeners. Each case names its exact status and code.
 */
class AdminAttackTest {
  private static AttackWorld w;
  private static String ekmToken;
  private static String kmsToken;
  private static String identityToken;

  @BeforeAll
  static void world() throws Exception {
    w = AttackWorld.shared();
    ekmToken = token("ekm");
    kmsToken = token("kms");
    identityToken = token("identity");
  }

  private static String token(String server) {
    try {
      return Files.readString(w.stack.adminTokenFile(server), StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer call(String base, String token, String method, String path, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    headers.put("Content-Type", "application/json");
    return w.raw(base, method, path, headers, body);
  }

  private static Answer ekm(String token, String method, String path, String body) {
    return call(w.stack.ekmAdminUrl(), token, method, path, body);
  }

  private static Answer kms(String token, String method, String path, String body) {
    return call(w.stack.kmsAdminUrl(), token, method, path, body);
  }

  private static Answer identity(String token, String method, String path, String body) {
    return call(w.stack.identityAdminUrl(), token, method, path, body);
  }

  @TestFactory
  Stream<DynamicTest> ekmAdmin_hostileRequests_exactAnswers() {
    String unauthorized = "AdminUnauthorized";
    String bad = "InvalidRequest";
    String t = ekmToken;
    return Attack.run(
        List.of(
            of("no token", 401, unauthorized, () -> ekm(null, "GET", "/admin/v1/vaults", null)),
            of(
                "wrong token",
                401,
                unauthorized,
                () -> ekm("ekmsadm_" + "0".repeat(64), "GET", "/admin/v1/vaults", null)),
            of(
                "the KMS's token",
                401,
                unauthorized,
                () -> ekm(kmsToken, "GET", "/admin/v1/vaults", null)),
            of(
                "token plus a suffix",
                401,
                unauthorized,
                () -> ekm(t + "x", "GET", "/admin/v1/vaults", null)),
            of(
                "token of 10 KiB",
                401,
                unauthorized,
                () -> ekm("x".repeat(10_240), "GET", "/admin/v1/vaults", null)),
            of("malformed vault id", 400, bad, () -> ekm(t, "GET", "/admin/v1/vaults/nope", null)),
            of(
                "NUL key id",
                400,
                bad,
                () ->
                    ekm(t, "GET", "/admin/v1/vaults/" + w.alpha.ekmVaultId() + "/keys/%00", null)),
            of(
                "unknown vault",
                404,
                "NotFound",
                () -> ekm(t, "GET", "/admin/v1/vaults/vlt-" + "0".repeat(32), null)),
            of(
                "audit page limit 100000",
                400,
                bad,
                () -> ekm(t, "GET", "/admin/v1/audit?limit=100000", null)),
            of("audit after -1", 400, bad, () -> ekm(t, "GET", "/admin/v1/audit?after=-1", null)),
            of(
                "audit request id with a space",
                400,
                bad,
                () -> ekm(t, "GET", "/admin/v1/audit?requestId=a%20b", null)),
            of(
                "create vault: malformed JSON",
                400,
                bad,
                () -> ekm(t, "POST", "/admin/v1/vaults", "{\"name\":")),
            of(
                "create key: 100-bit key",
                400,
                bad,
                () ->
                    ekm(
                        t,
                        "POST",
                        "/admin/v1/vaults/" + w.alpha.ekmVaultId() + "/keys",
                        "{\"name\":\"x\",\"lengthBits\":100}")),
            of(
                "update key: an operation it cannot have",
                400,
                bad,
                () ->
                    ekm(
                        t,
                        "PATCH",
                        "/admin/v1/vaults/" + w.alpha.ekmVaultId() + "/keys/key-" + "0".repeat(32),
                        "{\"ops\":[\"SIGN\"]}")),
            of(
                "delete vault: malformed id",
                400,
                bad,
                () -> ekm(t, "DELETE", "/admin/v1/vaults/nope", null)),
            of(
                "XKS: malformed store id",
                400,
                bad,
                () -> ekm(t, "POST", "/admin/v1/xks/keystores/nope/credentials", "{}")),
            of(
                "XKS: access key id with lower case",
                400,
                bad,
                () -> {
                  String store = w.stack.ekmAdmin().xksStore("attack", AttackWorld.XKS_PREFIX);
                  return ekm(
                      t,
                      "POST",
                      "/admin/v1/xks/keystores/" + store + "/credentials",
                      "{\"accessKeyId\":\"lowercase\",\"secretAccessKey\":\""
                          + "s".repeat(43)
                          + "\"}");
                }),
            of(
                "XKS: rate above 1000000",
                400,
                bad,
                () -> {
                  String store = w.stack.ekmAdmin().xksStore("attack", AttackWorld.XKS_PREFIX);
                  return ekm(
                      t,
                      "PATCH",
                      "/admin/v1/xks/keystores/" + store,
                      "{\"ratePerSecond\":1000001}");
                }),
            of(
                "XKS: prefix climbing out",
                400,
                bad,
                () ->
                    ekm(
                        t,
                        "POST",
                        "/admin/v1/xks/keystores",
                        "{\"name\":\"x\",\"uriPrefix\":\"../x\"}")),
            of(
                "admin path on the public listener",
                404,
                "NotFound",
                () -> call(w.stack.ekmUrl(), t, "GET", "/admin/v1/vaults", null))));
  }

  @TestFactory
  Stream<DynamicTest> kmsAdmin_hostileRequests_exactAnswers() {
    String t = kmsToken;
    String bad = "InvalidParameter";
    return Attack.run(
        List.of(
            of(
                "no token",
                401,
                "NotAuthenticated",
                () -> kms(null, "GET", "/admin/v1/users", null)),
            of(
                "the EKM's token",
                401,
                "NotAuthenticated",
                () -> kms(ekmToken, "GET", "/admin/v1/users", null)),
            of(
                "audit page limit 0",
                400,
                bad,
                () -> kms(t, "GET", "/admin/v1/audit?limit=0", null)),
            of(
                "audit after not a number",
                400,
                bad,
                () -> kms(t, "GET", "/admin/v1/audit?after=x", null)),
            of(
                "user in a malformed tenancy",
                400,
                bad,
                () -> kms(t, "POST", "/admin/v1/users", "{\"tenancyId\":\"x\",\"name\":\"n\"}")),
            of(
                "grant permission root",
                400,
                bad,
                () ->
                    kms(
                        t,
                        "POST",
                        "/admin/v1/users/" + w.alpha.apiKey().userId() + "/grants",
                        "{\"compartmentId\":\""
                            + w.alpha.compartmentId()
                            + "\",\"permission\":\"root\"}")),
            of(
                "API key that is not a key",
                400,
                bad,
                () ->
                    kms(
                        t,
                        "POST",
                        "/admin/v1/users/" + w.alpha.apiKey().userId() + "/apiKeys",
                        "{\"publicKey\":\"x\"}")),
            of(
                "admin path on the public listener",
                404,
                "NotAuthorizedOrNotFound",
                () -> call(w.kmsUrl(), t, "GET", "/admin/v1/users", null))));
  }

  @TestFactory
  Stream<DynamicTest> identityAdmin_hostileRequests_exactAnswers() {
    String t = identityToken;
    String base = "/admin/v1/identity/clients";
    return Attack.run(
        List.of(
            of("no token", 401, "AdminUnauthorized", () -> identity(null, "GET", base, null)),
            of(
                "the EKM's token",
                401,
                "AdminUnauthorized",
                () -> identity(ekmToken, "GET", base, null)),
            of(
                "malformed client id",
                400,
                "InvalidRequest",
                () -> identity(t, "GET", base + "/%00", null)),
            of(
                "create client: malformed JSON",
                400,
                "InvalidRequest",
                () -> identity(t, "POST", base, "{")),
            of(
                "create client: no audiences",
                400,
                "InvalidRequest",
                () -> identity(t, "POST", base, "{\"name\":\"x\"}")),
            of(
                "unknown client",
                404,
                "NotFound",
                () -> identity(t, "GET", base + "/cli-" + "0".repeat(32), null))));
  }
}
