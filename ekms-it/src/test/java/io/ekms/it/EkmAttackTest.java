package io.ekms.it;

import static io.ekms.it.Attack.of;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ekms.core.crypto.Randoms;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The EKM API attacked from outside over HTTPS: missing, forged and confused tokens, one customer's
 * token on another's vault, hostile ids and bodies. Each case names its exact status and code.
 */
class EkmAttackTest {
  private static AttackWorld w;
  private static String base;
  private static String alphaToken;
  private static String bravoToken;

  @BeforeAll
  static void world() throws Exception {
    w = AttackWorld.shared();
    base = AttackWorld.ekmVault(w.alpha);
    alphaToken = w.ekmToken(w.alpha);
    bravoToken = w.ekmToken(w.bravo);
  }

  private static Answer get(String path, String token) {
    return w.ekm("GET", path, token, null);
  }

  private static Answer post(String path, String token, String body) {
    return w.ekm("POST", path, token, body);
  }

  private static Answer withAuthorization(String value) {
    return w.raw(
        w.stack.ekmUrl(),
        "GET",
        base + "/metadata",
        java.util.Map.of("Authorization", value),
        null);
  }

  @TestFactory
  Stream<DynamicTest> tokens_missingForgedOrConfused_401InvalidToken() throws Exception {
    String payload = alphaToken.split("\\.")[1];
    String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
    String hmac = hs256(alphaToken);
    String bravoPayload = bravoToken.split("\\.")[1];
    String[] parts = alphaToken.split("\\.");
    String spliced = parts[0] + "." + bravoPayload + "." + parts[2];
    return Attack.run(
        List.of(
            of("no token", 401, "InvalidToken", () -> get(base + "/metadata", null)),
            of("empty bearer", 401, "InvalidToken", () -> withAuthorization("Bearer ")),
            of(
                "garbage bearer",
                401,
                "InvalidToken",
                () -> withAuthorization("Bearer abc.def.ghi")),
            of("basic scheme", 401, "InvalidToken", () -> withAuthorization("Basic YTpi")),
            of("alg none", 401, "InvalidToken", () -> get(base + "/metadata", none)),
            of(
                "HS256 with a guessable key",
                401,
                "InvalidToken",
                () -> get(base + "/metadata", hmac)),
            of(
                "another token's claims under this signature",
                401,
                "InvalidToken",
                () -> get(base + "/metadata", spliced)),
            of(
                "no token, 300-character vault id",
                401,
                "InvalidToken",
                () -> get("/oci/ekm/v1/vaults/" + "v".repeat(300) + "/metadata", null)),
            of(
                "no token, NUL in the vault id",
                401,
                "InvalidToken",
                () -> get("/oci/ekm/v1/vaults/%00/metadata", null))));
  }

  @TestFactory
  Stream<DynamicTest> authenticatedCalls_hostileIdsAndBodies_exactAnswers() {
    String enc = base + "/keys/" + w.alpha.ekmKeyId() + "/encrypt";
    String dec = base + "/keys/" + w.alpha.ekmKeyId() + "/decrypt";
    String rnd = base + "/generateRandomBytes";
    String bad = "InvalidRequest";
    String t = alphaToken;
    return Attack.run(
        List.of(
            of(
                "bravo's token on alpha's vault",
                403,
                "ClientNotAuthorized",
                () -> get(base + "/metadata", bravoToken)),
            of(
                "300-character vault id",
                400,
                bad,
                () -> get("/oci/ekm/v1/vaults/" + "v".repeat(300) + "/metadata", t)),
            of("NUL in the vault id", 400, bad, () -> get("/oci/ekm/v1/vaults/%00/metadata", t)),
            of(
                "right-to-left mark in the key id",
                400,
                bad,
                () -> get(base + "/keys/%E2%80%AEkey/metadata", t)),
            of(
                "malformed key version id",
                400,
                bad,
                () -> get(base + "/keys/" + w.alpha.ekmKeyId() + "/keyVersions/kv-1/metadata", t)),
            of(
                "unknown vault",
                404,
                "NotFound",
                () -> get("/oci/ekm/v1/vaults/vlt-" + "0".repeat(32) + "/metadata", t)),
            of(
                "unknown key",
                404,
                "NotFound",
                () -> get(base + "/keys/key-" + "0".repeat(32) + "/metadata", t)),
            of("encrypt: malformed JSON", 400, bad, () -> post(enc, t, "{\"plaintext\":")),
            of(
                "encrypt: plaintext not Base64",
                400,
                bad,
                () -> post(enc, t, "{\"plaintext\":\"%%\"}")),
            of("encrypt: empty plaintext", 400, bad, () -> post(enc, t, "{\"plaintext\":\"\"}")),
            of("encrypt: plaintext a number", 400, bad, () -> post(enc, t, "{\"plaintext\":7}")),
            of(
                "encrypt: malformed key version id",
                400,
                bad,
                () -> post(enc, t, "{\"plaintext\":\"aGk=\",\"keyVersionId\":\"\\u0000\"}")),
            of(
                "encrypt: body over 128 KiB",
                400,
                bad,
                () -> post(enc, t, "{\"plaintext\":\"" + "A".repeat(140_000) + "\"}")),
            of("encrypt: deep nesting", 400, bad, () -> post(enc, t, "{\"a\":" + "[".repeat(5000))),
            of(
                "decrypt: tampered ciphertext",
                400,
                "DecryptionFailed",
                () -> post(dec, t, tamperedDecryptBody())),
            of(
                "decrypt: 11-byte iv",
                400,
                bad,
                () ->
                    post(
                        dec,
                        t,
                        decryptBody("aGVsbG8=", b64bytes(11), b64bytes(16), w.alpha.ekmKeyId()))),
            of(
                "decrypt: mode missing",
                400,
                bad,
                () -> post(dec, t, "{\"ciphertext\":\"aGk=\",\"iv\":\"x\",\"tag\":\"x\"}")),
            of(
                "decrypt: mode CBC",
                400,
                bad,
                () ->
                    post(
                        dec,
                        t,
                        "{\"ciphertext\":\"aGk=\",\"iv\":\"x\",\"tag\":\"x\",\"mode\":\"AES_CBC\"}")),
            of("random: length 0", 400, bad, () -> post(rnd, t, "{\"length\":0}")),
            of("random: length 70000", 400, bad, () -> post(rnd, t, "{\"length\":70000}")),
            of("random: no body", 400, bad, () -> post(rnd, t, "")),
            of("random: length a string", 400, bad, () -> post(rnd, t, "{\"length\":\"x\"}"))));
  }

  /** A real ciphertext of alpha's key with one bit of its tag flipped. */
  private static String tamperedDecryptBody() {
    Answer enc =
        post(
            base + "/keys/" + w.alpha.ekmKeyId() + "/encrypt",
            alphaToken,
            "{\"plaintext\":\"aGk=\"}");
    var json = enc.json();
    byte[] tag = Base64.getDecoder().decode(json.path("tag").asText());
    tag[0] ^= 1;
    return decryptBody(
        json.path("ciphertext").asText(),
        json.path("iv").asText(),
        Base64.getEncoder().encodeToString(tag),
        json.path("keyVersionId").asText());
  }

  private static String decryptBody(String ciphertext, String iv, String tag, String version) {
    return "{\"ciphertext\":\""
        + ciphertext
        + "\",\"iv\":\""
        + iv
        + "\",\"tag\":\""
        + tag
        + "\",\"keyVersionId\":\""
        + version
        + "\",\"mode\":\"AES_GCM\"}";
  }

  private static String b64bytes(int n) {
    return Base64.getEncoder().encodeToString(new byte[n]);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The same claims, signed HS256 with a key an attacker might guess. */
  private static String hs256(String token) throws ParseException, JOSEException {
    JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
    SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    forged.sign(new MACSigner(Randoms.bytes(32)));
    return forged.serialize();
  }
}
