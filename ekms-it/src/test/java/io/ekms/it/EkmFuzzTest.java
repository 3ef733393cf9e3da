package io.ekms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ekms.common.json.Json;
import io.ekms.stack.StackTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A seeded, repeatable fuzz of the six EKM API routes with the fuzz tenant's valid token: hostile
 * ids in every path slot, mutated and malformed bodies. No answer may be a 5xx, no connection may
 * drop, and every request the token admitted must be in the EKM's audit log under its request id.
 */
class EkmFuzzTest {
  static final long SEED = 20_261_207L;
  static final int CASES = Integer.getInteger("ekms.fuzz.cases", 10_000);
  private static AttackWorld w;
  private static StackTenant c;
  private static String token;
  private static List<String> vaults;
  private static List<String> keys;
  private static List<String> versions;

  private record Route(String method, String path, Function<JsonMutator, String> body) {}

  @BeforeAll
  static void world() throws Exception {
    w = AttackWorld.shared();
    c = w.charlie;
    token = w.ekmToken(c);
    var meta =
        w.ekm("GET", AttackWorld.ekmVault(c) + "/keys/" + c.ekmKeyId() + "/metadata", token, null);
    vaults = List.of(c.ekmVaultId(), w.alpha.ekmVaultId());
    keys = List.of(c.ekmKeyId(), w.alpha.ekmKeyId());
    versions = List.of(meta.json().path("currentKeyVersionId").asText());
  }

  @Test
  @Timeout(600)
  void everyRoute_seededHostileRequests_no5xxNoDropEveryAdmittedOneAudited() throws Exception {
    JsonMutator m = new JsonMutator(SEED);
    List<Route> routes = routes();
    List<Fuzz.Case> cases = new ArrayList<>(CASES);
    for (int n = 0; n < CASES; n++) {
      Route r = routes.get(m.random().nextInt(routes.size()));
      String path =
          r.path()
              .replace("{v}", Fuzz.segment(m.id(vaults)))
              .replace("{k}", Fuzz.segment(m.id(keys)))
              .replace("{kv}", Fuzz.segment(m.id(versions)));
      cases.add(new Fuzz.Case(n, r.method(), path, r.body() == null ? null : r.body().apply(m)));
    }

    List<Fuzz.Outcome> outcomes =
        Fuzz.send(
            cases,
            "ekmfuzz",
            8,
            (fuzzCase, requestId) ->
                w.raw(
                    w.stack.ekmUrl(),
                    fuzzCase.method(),
                    fuzzCase.path(),
                    Map.of(
                        "Authorization",
                        "Bearer " + token,
                        "Content-Type",
                        "application/json",
                        "opc-request-id",
                        requestId),
                    fuzzCase.body()));

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
    Set<String> audited = AttackWorld.auditedRequestIds(w.stack.ekmAdmin().http());
    assertThat(outcomes)
        .filteredOn(Fuzz::reachedHandler)
        .filteredOn(o -> !audited.contains(o.requestId()))
        .extracting(Fuzz::describe)
        .as("admitted requests without an audit record")
        .isEmpty();
    FuzzReport.write("ekm", SEED, outcomes);
  }

  private static List<Route> routes() {
    String v = "/oci/ekm/v1/vaults/{v}";
    List<Route> r = new ArrayList<>();
    r.add(new Route("GET", v + "/metadata", null));
    r.add(new Route("GET", v + "/keys/{k}/metadata", null));
    r.add(new Route("GET", v + "/keys/{k}/keyVersions/{kv}/metadata", null));
    r.add(new Route("POST", v + "/keys/{k}/encrypt", m -> m.body(encrypt())));
    r.add(new Route("POST", v + "/keys/{k}/encrypt", m -> m.body(encrypt())));
    r.add(new Route("POST", v + "/keys/{k}/decrypt", m -> m.body(decrypt())));
    r.add(new Route("POST", v + "/keys/{k}/decrypt", m -> m.body(decrypt())));
    r.add(new Route("POST", v + "/generateRandomBytes", m -> m.body(random())));
    return r;
  }

  private static ObjectNode encrypt() {
    return Json.mapper()
        .createObjectNode()
        .put("plaintext", "aGVsbG8=")
        .put("aad", "YWFk")
        .put("keyVersionId", versions.get(0));
  }

  private static ObjectNode decrypt() {
    return Json.mapper()
        .createObjectNode()
        .put("ciphertext", "aGVsbG8=")
        .put("iv", "AAAAAAAAAAAAAAAA")
        .put("tag", "AAAAAAAAAAAAAAAAAAAAAA==")
        .put("aad", "YWFk")
        .put("keyVersionId", versions.get(0))
        .put("mode", "AES_GCM");
  }

  private static ObjectNode random() {
    return Json.mapper().createObjectNode().put("length", 32);
  }
}
