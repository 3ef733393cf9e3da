package io.ekms.conformance.oci;

import static io.ekms.conformance.Bytes.utf8;

import io.ekms.conformance.Answer;
import io.ekms.conformance.Bytes;
import io.ekms.conformance.Check;
import io.ekms.conformance.Expect;
import io.ekms.conformance.HookChecks;
import io.ekms.conformance.TokenChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks of the OCI EKM API (what a cloud KMS calls for an external vault): every operation,
 * the error table and bounds, AAD binding, token forgeries, the caller bound to the vault, the kill
 * switch and a transient fault (with hooks), and latency.
 */
public final class OciEkmSuite {
  public static final String NAME = "oci-ekm";

  private OciEkmSuite() {}

  public static List<Check> checks(OciTarget target) {
    OciCalls calls = new OciCalls(target);
    List<Check> checks = new ArrayList<>();
    checks.addAll(new OciCryptoChecks(calls, target).all());
    checks.addAll(new OciErrorChecks(calls).all());
    TokenChecks tokens =
        new TokenChecks(
            "oci",
            auth -> calls.send("GET", "/metadata", auth, null),
            target.token(),
            a -> a.status() == 401,
            "401");
    checks.addAll(tokens.forgeries(target.publicKeys()));
    checks.addAll(tokens.minted(target.minter()));
    checks.add(
        tokens.refusedMinted(
            target.minter(),
            "missing-scope",
            "a token without the oci_ekms scope is refused",
            m -> m.with(c -> c.claim("scope", "openid"))));
    checks.add(otherClient(calls, target));
    HookChecks hooks = new HookChecks("oci", target.hooks(), () -> probe(calls));
    checks.add(hooks.killSwitch(a -> a.status() == 403, "403"));
    checks.add(
        hooks.transientFault(
            a -> a.status() / 100 == 5, "a 5xx (503 when a dependency is unreachable), never 4xx"));
    checks.add(hooks.latency(target.budget(), target.latencyCalls()));
    return checks;
  }

  private static Answer probe(OciCalls calls) throws Exception {
    return calls.post(calls.keyPath() + "/encrypt", Map.of("plaintext", Bytes.b64(utf8("probe"))));
  }

  private static Check otherClient(OciCalls calls, OciTarget target) {
    return Check.of(
        "oci.token.other-client-forbidden",
        "a valid token of a client not bound to the vault is 403",
        () -> {
          var other =
              target
                  .otherClientToken()
                  .orElseThrow(
                      () ->
                          new io.ekms.conformance.CheckSkipped(
                              "needs another client's token: give --other-token-file"));
          Answer answer =
              calls.send(
                  "POST",
                  calls.keyPath() + "/encrypt",
                  "Bearer " + other.token(),
                  io.ekms.common.json.Json.write(Map.of("plaintext", Bytes.b64(utf8("x")))));
          Expect.status(answer, 403, "another client's token");
        });
  }
}
