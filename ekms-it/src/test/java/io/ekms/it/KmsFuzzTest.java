package io.ekms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ekms.common.json.Json;
import io.ekms.stack.StackTenant;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A seeded, repeatable fuzz of every KMS API route, signed as the fuzz tenant: hostile ids in every
 * path slot, mutated and malformed bodies, hostile queries and headers. No answer may be a 5xx, no
 * connection may drop, and every request that reached an authenticated handler must be in the KMS's
 * audit log under its request id.
 */
class KmsFuzzTest {
  static final long SEED = 20_261_206L;
  static final int CASES = Integer.getInteger("ekms.fuzz.cases", 10_000);
  private static AttackWorld w;
  private static StackTenant c;
  private static Ids ids;

  /** The ids a case picks from: the fuzz tenant's own first, then another tenancy's. */
  private record Ids(
      List<String> vaults,
      List<String> keys,
      List<String> versions,
      List<String> endpoints,
      List<String> compartments) {}

  private record Route(String method, String path, Function<JsonMutator, String> body) {}

  @BeforeAll
  static void world() throws Exception {
    w = AttackWorld.shared();
    c = w.charlie;
    String version =
        c.client(w.stack).management(c.vaultId()).getKey(c.keyId()).currentKeyVersion();
    ids =
        new Ids(
            List.of(c.vaultId(), w.alpha.vaultId()),
            List.of(c.keyId(), w.alpha.keyId()),
            List.of(version),
            List.of(c.privateEndpointId(), w.alpha.privateEndpointId()),
            List.of(c.compartmentId(), w.alpha.compartmentId(), c.tenancyId()));
  }

  @Test
  @Timeout(600)
  void everyRoute_seededHostileRequests_no5xxNoDropEveryAuthenticatedOneAudited() throws Exception {
    List<Fuzz.Case> cases = cases(new JsonMutator(SEED));

    List<Fuzz.Outcome> outcomes = Fuzz.send(cases, "kmsfuzz", 8, KmsFuzzTest::send);

    assertThat(outcomes).hasSize(CASES);
    assertThat(outcomes)
        .filteredOn(o -> o.dropped() != null)
        .extracting(Fuzz::describe)
        .as("dropped connections")
        .isEmpty();
    assertThat(outcomes)
        .filteredOn(o -> o.answer() != null && o.answer().status() >= 500)
        .extracting(Fuzz::describe)
        .as("answers of 500 or more")
        .isEmpty();
    Set<String> audited = AttackWorld.auditedRequestIds(w.stack.kmsAdmin().http());
    assertThat(outcomes)
        .filteredOn(KmsFuzzTest::reachedAuthenticatedHandler)
        .filteredOn(o -> !audited.contains(o.requestId()))
        .extracting(Fuzz::describe)
        .as("authenticated requests without an audit record")
        .isEmpty();
    FuzzReport.write("kms", SEED, outcomes);
  }

  /**
   * Signed requests all authenticate, except those whose body is over the 64 KiB bound (refused
   * before the signature, whose body hash needs the body, can be checked).
   */
  private static boolean reachedAuthenticatedHandler(Fuzz.Outcome o) {
    Answer a = o.answer();
    return Fuzz.reachedHandler(o)
        && o.answer().status() != 401
        && (o.fuzzCase().body() == null || o.fuzzCase().body().length() <= 64 * 1024);
  }

  private static Answer send(Fuzz.Case fuzzCase, String requestId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("opc-request-id", requestId);
    if (fuzzCase.n() % 7 == 0) {
      headers.put("if-match", "\"" + fuzzCase.n() + "\"");
    }
    if (fuzzCase.n() % 11 == 0) {
      headers.put("opc-retry-token", "retry-" + fuzzCase.n());
    }
    return w.kms(c, fuzzCase.method(), fuzzCase.path(), fuzzCase.body(), headers);
  }

  private static List<Fuzz.Case> cases(JsonMutator m) throws Exception {
    List<Route> routes = routes();
    List<Fuzz.Case> out = new ArrayList<>(CASES);
    for (int n = 0; n < CASES; n++) {
      Route r = routes.get(m.random().nextInt(routes.size()));
      String path =
          r.path()
              .replace("{v}", Fuzz.segment(m.id(ids.vaults())))
              .replace("{k}", Fuzz.segment(m.id(ids.keys())))
              .replace("{kv}", Fuzz.segment(m.id(ids.versions())))
              .replace("{pe}", Fuzz.segment(m.id(ids.endpoints())))
              .replace("{c}", Fuzz.segment(m.id(ids.compartments())))
              .replace("{n}", Fuzz.segment(m.id(List.of("10", "1", "0"))));
      out.add(new Fuzz.Case(n, r.method(), path, r.body() == null ? null : r.body().apply(m)));
    }
    return out;
  }

  private static List<Route> routes() throws Exception {
    String pe = "/20180608/ekmsPrivateEndpoints";
    String v = "/20180608/vaults";
    String keys = "/kms/{v}/management/20180608/keys";
    String k = keys + "/{k}";
    String crypto = "/kms/{v}/crypto/20180608";
    ObjectNode rename = Json.mapper().createObjectNode().put("displayName", "fuzz");
    ObjectNode deletion =
        Json.mapper().createObjectNode().put("timeOfDeletion", "2027-02-01T00:00:00Z");
    List<Route> r = new ArrayList<>();
    ObjectNode endpoint = createEndpoint();
    r.add(new Route("POST", pe, m -> m.body(endpoint)));
    r.add(new Route("GET", pe + "?compartmentId={c}&limit={n}&page={n}", null));
    r.add(new Route("GET", pe + "/{pe}", null));
    r.add(new Route("PUT", pe + "/{pe}", m -> m.body(rename)));
    r.add(new Route("POST", v, m -> m.body(createVault())));
    r.add(new Route("GET", v + "?compartmentId={c}&limit={n}", null));
    r.add(new Route("GET", v + "/{v}", null));
    r.add(new Route("PUT", v + "/{v}", m -> m.body(rename)));
    r.add(new Route("GET", v + "/{v}/usage", null));
    r.add(new Route("POST", v + "/{v}/actions/cancelDeletion", m -> m.body(rename)));
    r.add(new Route("POST", keys, m -> m.body(createKey())));
    r.add(new Route("GET", keys + "?compartmentId={c}&limit={n}&page={n}", null));
    r.add(new Route("GET", k, null));
    r.add(new Route("PUT", k, m -> m.body(rename)));
    r.add(new Route("POST", k + "/actions/enable", m -> m.body(rename)));
    r.add(new Route("POST", k + "/actions/cancelDeletion", m -> m.body(rename)));
    r.add(new Route("POST", k + "/actions/scheduleDeletion", m -> m.body(deletion)));
    r.add(
        new Route(
            "POST",
            k + "/keyVersions",
            m -> m.body(Json.mapper().createObjectNode().put("externalKeyVersionId", "kv-1"))));
    r.add(new Route("GET", k + "/keyVersions?limit={n}", null));
    r.add(new Route("GET", k + "/keyVersions/{kv}", null));
    r.add(new Route("POST", k + "/keyVersions/{kv}/actions/cancelDeletion", m -> m.body(rename)));
    for (int i = 0; i < 4; i++) {
      r.add(new Route("POST", crypto + "/encrypt", m -> m.body(encrypt())));
      r.add(new Route("POST", crypto + "/decrypt", m -> m.body(decrypt())));
      r.add(new Route("POST", crypto + "/generateDataEncryptionKey", m -> m.body(generate())));
    }
    return r;
  }

  private static ObjectNode encrypt() {
    ObjectNode b = Json.mapper().createObjectNode();
    b.put("keyId", c.keyId())
        .put("plaintext", "aGVsbG8=")
        .put("encryptionAlgorithm", "AES_256_GCM");
    b.putObject("associatedData").put("purpose", "fuzz");
    b.putObject("loggingContext").put("who", "fuzz");
    return b;
  }

  private static ObjectNode decrypt() {
    ObjectNode b = Json.mapper().createObjectNode();
    b.put("keyId", c.keyId()).put("ciphertext", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    b.putObject("associatedData").put("purpose", "fuzz");
    return b;
  }

  private static ObjectNode generate() {
    ObjectNode b = Json.mapper().createObjectNode();
    b.put("keyId", c.keyId()).put("includePlaintextKey", true);
    b.putObject("keyShape").put("algorithm", "AES").put("length", 32);
    return b;
  }

  private static ObjectNode createKey() {
    ObjectNode b = Json.mapper().createObjectNode();
    b.put("compartmentId", c.compartmentId())
        .put("displayName", "fuzz")
        .put("protectionMode", "EXTERNAL");
    b.putObject("keyShape").put("algorithm", "AES").put("length", 32);
    b.putObject("externalKeyReference").put("externalKeyId", c.ekmKeyId());
    return b;
  }

  private static ObjectNode createEndpoint() throws Exception {
    ObjectNode b = Json.mapper().createObjectNode();
    b.put("compartmentId", c.compartmentId())
        .put("displayName", "fuzz")
        .put("subnetId", "ocid1.subnet.oc1..fuzz")
        .put("externalKeyManagerIp", "127.0.0.1")
        .put("port", w.stack.ekm().apiPort())
        .put("caBundle", Files.readString(w.stack.caFile()));
    return b;
  }

  private static ObjectNode createVault() {
    ObjectNode b = Json.mapper().createObjectNode();
    b.put("compartmentId", c.compartmentId())
        .put("displayName", "fuzz")
        .put("vaultType", "EXTERNAL");
    ObjectNode meta = b.putObject("externalKeyManagerMetadata");
    meta.put("externalVaultEndpointUrl", w.stack.ekmUrl() + "/oci/ekm/v1/vaults/" + c.ekmVaultId())
        .put("privateEndpointId", c.privateEndpointId());
    meta.putObject("oauthMetadata")
        .put("idcsAccountNameUrl", w.stack.identity().issuer())
        .put("clientAppId", "cli-" + "0".repeat(32))
        .put("clientAppSecret", "not-the-secret");
    return b;
  }
}
