package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.oracle.bmc.keymanagement.model.Key;
import io.ekms.common.json.Json;
import io.ekms.core.crypto.Randoms;
import io.ekms.kms.ciphertext.KmsCiphertext;
import io.ekms.kms.domain.Ocids;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two tenancies over real HTTPS with real signed requests: alice's (the stack's user, with its
 * endpoint, vault, key and EKM) and bob's, whose user holds MANAGE in bob's compartment only. Every
 * KMS API route bob aims at alice's resources answers exactly as it does for ids that name nothing,
 * apart from the request id, and alice's EKM never hears of it.
 */
class CrossTenancyEndToEndTest {
  static final String BOBS_TENANCY = "ocid1.tenancy.oc1..cccccccccccccccccccccccccccccccc";
  static final String BOBS_COMPARTMENT = "ocid1.compartment.oc1..dddddddddddddddddddddddddddddddd";
  static final String MESSAGE = "Authorization failed or requested resource not found.";
  static SdkWorld w;
  static SignedHttp bob;
  static Targets alices;
  static KmsCiphertext sealed;

  @BeforeAll
  static void start() throws Exception {
    w = new SdkWorld();
    Key key = w.newKey("alice's");
    sealed =
        KmsCiphertext.parse(
            Base64.getDecoder().decode(w.encrypt(key.getId(), "alice's secret", null)));
    alices =
        new Targets(
            SdkWorld.COMPARTMENT,
            w.endpoint.getId(),
            w.vault.getId(),
            key.getId(),
            key.getCurrentKeyVersion());
    bob =
        new SignedHttp(
            BOBS_TENANCY,
            w.newUser("bob", BOBS_TENANCY, BOBS_COMPARTMENT, "manage"),
            w.stack.caFile());
  }

  @AfterAll
  static void stop() {
    w.close();
  }

  /** What a caller may name in a request. */
  record Targets(String compartment, String endpoint, String vault, String key, String version) {
    /** These targets with, in turn, each one replaced by a fresh id of its type naming nothing. */
    List<Targets> eachMissing() {
      return List.of(
          new Targets("ocid1.compartment.oc1.." + Randoms.hex(16), endpoint, vault, key, version),
          new Targets(compartment, Ocids.newId("ekmsprivateendpoint"), vault, key, version),
          new Targets(compartment, endpoint, Ocids.newId("vault"), key, version),
          new Targets(compartment, endpoint, vault, Ocids.newId("key"), version),
          new Targets(compartment, endpoint, vault, key, Ocids.newId("keyversion")));
    }

    String fill(String template) {
      byte[] ciphertext =
          new KmsCiphertext(version, sealed.iv(), sealed.tag(), sealed.body()).encode();
      return template
          .replace("{compartment}", compartment)
          .replace("{endpoint}", endpoint)
          .replace("{vault}", vault)
          .replace("{key}", key)
          .replace("{version}", version)
          .replace("{ciphertext}", Base64.getEncoder().encodeToString(ciphertext))
          .replace("{own}", BOBS_COMPARTMENT)
          .replace("{ekmKey}", w.ekmKeyId)
          .replace("{ekmUrl}", w.ekmVaultUrl())
          .replace("{identity}", w.identityUrl());
    }
  }

  /** One API route: a template of its path and body ({@code null}: none) naming targets. */
  record Route(String operation, String method, String path, String body) {
    @Override
    public String toString() {
      return operation;
    }
  }

  static final String KEYS = "/kms/{vault}/management/20180608/keys";
  static final String KEY = KEYS + "/{key}";
  static final String VERSION = KEY + "/keyVersions/{version}";
  static final String CRYPTO = "/kms/{vault}/crypto/20180608";
  static final String VAULT = "/20180608/vaults/{vault}";
  static final String ENDPOINT = "/20180608/ekmsPrivateEndpoints/{endpoint}";

  static Stream<Route> routes() {
    return Stream.of(
        new Route("CreateKey", "POST", KEYS, createKey()),
        new Route("ListKeys", "GET", KEYS + "?compartmentId={own}", null),
        new Route("GetKey", "GET", KEY, null),
        new Route("UpdateKey", "PUT", KEY, "{\"displayName\":\"mine\"}"),
        new Route("EnableKey", "POST", KEY + "/actions/enable", "{}"),
        new Route("DisableKey", "POST", KEY + "/actions/disable", "{}"),
        new Route("ScheduleKeyDeletion", "POST", KEY + "/actions/scheduleDeletion", "{}"),
        new Route("CancelKeyDeletion", "POST", KEY + "/actions/cancelDeletion", "{}"),
        new Route("CreateKeyVersion", "POST", KEY + "/keyVersions", "{}"),
        new Route("ListKeyVersions", "GET", KEY + "/keyVersions", null),
        new Route("GetKeyVersion", "GET", VERSION, null),
        new Route(
            "ScheduleKeyVersionDeletion", "POST", VERSION + "/actions/scheduleDeletion", "{}"),
        new Route("CancelKeyVersionDeletion", "POST", VERSION + "/actions/cancelDeletion", "{}"),
        new Route(
            "Encrypt", "POST", CRYPTO + "/encrypt", "{\"keyId\":\"{key}\",\"plaintext\":\"aGk=\"}"),
        new Route(
            "Decrypt",
            "POST",
            CRYPTO + "/decrypt",
            "{\"keyId\":\"{key}\",\"ciphertext\":\"{ciphertext}\"}"),
        new Route(
            "GenerateDataEncryptionKey",
            "POST",
            CRYPTO + "/generateDataEncryptionKey",
            "{\"keyId\":\"{key}\",\"keyShape\":{\"algorithm\":\"AES\",\"length\":32},"
                + "\"includePlaintextKey\":true}"),
        new Route("CreateVault", "POST", "/20180608/vaults", createVault()),
        new Route("ListVaults", "GET", "/20180608/vaults?compartmentId={compartment}", null),
        new Route("GetVault", "GET", VAULT, null),
        new Route("UpdateVault", "PUT", VAULT, "{\"displayName\":\"mine\"}"),
        new Route("ScheduleVaultDeletion", "POST", VAULT + "/actions/scheduleDeletion", "{}"),
        new Route("CancelVaultDeletion", "POST", VAULT + "/actions/cancelDeletion", "{}"),
        new Route("GetVaultUsage", "GET", VAULT + "/usage", null),
        new Route(
            "ListEkmsPrivateEndpoints",
            "GET",
            "/20180608/ekmsPrivateEndpoints?compartmentId={compartment}",
            null),
        new Route("GetEkmsPrivateEndpoint", "GET", ENDPOINT, null),
        new Route("UpdateEkmsPrivateEndpoint", "PUT", ENDPOINT, "{\"displayName\":\"mine\"}"),
        new Route("DeleteEkmsPrivateEndpoint", "DELETE", ENDPOINT, null));
  }

  @Test
  void createKey_onAnotherTenancysVault_is404AndThatVaultsEkmIsNeverCalled() throws Exception {
    String requestId = "cross-create-" + Randoms.hex(8);

    HttpResponse<byte[]> r =
        send(new Route("CreateKey", "POST", KEYS, createKey()), alices, requestId);

    assertThat(r.statusCode()).isEqualTo(404);
    JsonNode error = Json.mapper().readTree(r.body());
    assertThat(error.path("code").asText()).isEqualTo("NotAuthorizedOrNotFound");
    assertThat(error.path("message").asText()).isEqualTo(MESSAGE);
    assertThat(ekmAudit(requestId)).isEmpty();
    List<String> results = new ArrayList<>();
    w.stack
        .kmsAdmin()
        .audit(requestId)
        .forEach(e -> results.add(e.path("record").path("result").asText()));
    assertThat(results).containsExactly("NotAuthorizedOrNotFound");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void route_otherTenancysResources_answersAsMissingOnesWithoutCallingTheirEkm(Route route)
      throws Exception {
    String requestId = "cross-" + route.operation() + "-" + Randoms.hex(8);

    Answer foreign = answer(send(route, alices, requestId));

    assertThat(foreign.status()).isEqualTo(404);
    JsonNode error = Json.mapper().readTree(foreign.body());
    assertThat(error.path("code").asText()).isEqualTo("NotAuthorizedOrNotFound");
    assertThat(error.path("message").asText()).isEqualTo(MESSAGE);
    for (Targets missing : alices.eachMissing()) {
      assertThat(answer(send(route, missing, "missing-" + Randoms.hex(8))))
          .as("%s with %s", route, missing)
          .isEqualTo(foreign);
    }
    assertThat(ekmAudit(requestId)).as("the EKM's audit of %s", requestId).isEmpty();
  }

  /** An answer apart from its request id and date: status, every other header, the body's bytes. */
  record Answer(int status, Map<String, List<String>> headers, String body) {}

  static Answer answer(HttpResponse<byte[]> r) {
    Map<String, List<String>> headers = new TreeMap<>(r.headers().map());
    headers.remove("opc-request-id");
    headers.remove("date");
    return new Answer(r.statusCode(), headers, new String(r.body(), StandardCharsets.ISO_8859_1));
  }

  static HttpResponse<byte[]> send(Route route, Targets targets, String requestId)
      throws Exception {
    URI uri = URI.create(w.stack.kms().baseUrl() + targets.fill(route.path()));
    String body = route.body() == null ? null : targets.fill(route.body());
    return bob.send(route.method(), uri, body, requestId);
  }

  static JsonNode ekmAudit(String requestId) throws Exception {
    return w.stack.ekmAdmin().audit(requestId);
  }

  static String createKey() {
    return "{\"compartmentId\":\"{own}\",\"displayName\":\"stolen\","
        + "\"keyShape\":{\"algorithm\":\"AES\",\"length\":32},\"protectionMode\":\"EXTERNAL\","
        + "\"externalKeyReference\":{\"externalKeyId\":\"{ekmKey}\"}}";
  }

  static String createVault() {
    return "{\"compartmentId\":\"{own}\",\"displayName\":\"mine\",\"vaultType\":\"EXTERNAL\","
        + "\"externalKeyManagerMetadata\":{\"externalVaultEndpointUrl\":\"{ekmUrl}\","
        + "\"privateEndpointId\":\"{endpoint}\",\"oauthMetadata\":{"
        + "\"idcsAccountNameUrl\":\"{identity}\",\"clientAppId\":\"bob\","
        + "\"clientAppSecret\":\"bob's\"}}}";
  }
}
