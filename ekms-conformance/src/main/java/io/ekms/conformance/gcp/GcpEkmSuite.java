package io.ekms.conformance.gcp;

import static io.ekms.conformance.Bytes.utf8;

import io.ekms.common.json.Json;
import io.ekms.conformance.Answer;
import io.ekms.conformance.Check;
import io.ekms.conformance.HookChecks;
import io.ekms.conformance.TokenChecks;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of the Cloud EKM wrap/unwrap interface: round trips, AAD binding and tampering,
 * lenient proto3 JSON, the error table, Key Access Justifications, ID-token forgeries and minted
 * variants (expired, wrong issuer or audience, an e-mail not allowed, unverified), the kill switch,
 * a transient fault (never PERMISSION_DENIED: Cloud KMS disables a key version it is denied) and
 * latency.
 */
public final class GcpEkmSuite {
  public static final String NAME = "gcp-ekm";
  private static final String DENIED = "403 PERMISSION_DENIED (7)";

  private GcpEkmSuite() {}

  public static List<Check> checks(GcpTarget target) {
    GcpCalls calls = new GcpCalls(target);
    List<Check> checks = new ArrayList<>();
    checks.addAll(new GcpCryptoChecks(calls).all());
    checks.addAll(new GcpErrorChecks(calls).all());
    TokenChecks tokens =
        new TokenChecks(
            "gcp",
            auth ->
                calls.send(
                    target.keyUri(),
                    "wrap",
                    auth,
                    Json.write(calls.wrapBody(utf8("x"), null, GcpCalls.REASON))),
            target.token(),
            a -> a.status() == 401 && a.json().path("code").asInt() == 16,
            "401 UNAUTHENTICATED (16)");
    checks.addAll(tokens.forgeries(target.publicKeys()));
    checks.addAll(tokens.minted(target.minter()));
    checks.add(
        tokens.refusedMinted(
            target.minter(),
            "email-unverified",
            "an ID token whose e-mail is not verified is refused",
            m -> m.with(c -> c.claim("email_verified", false))));
    checks.add(
        tokens.refusedMinted(
            target.minter(),
            "email-not-allowed",
            "a valid ID token of a service account not allowed is PERMISSION_DENIED",
            m -> m.with(c -> c.claim("email", "someone-else@conformance.iam.gserviceaccount.com")),
            GcpEkmSuite::denied,
            DENIED));
    HookChecks hooks =
        new HookChecks(
            "gcp",
            target.hooks(),
            () -> calls.post("wrap", calls.wrapBody(utf8("probe"), null, GcpCalls.REASON)));
    checks.add(hooks.killSwitch(GcpEkmSuite::denied, DENIED));
    checks.add(hooks.transientFault(GcpEkmSuite::unavailable, "503 UNAVAILABLE (14), never 403"));
    checks.add(hooks.latency(target.budget(), target.latencyCalls()));
    return checks;
  }

  private static boolean denied(Answer a) {
    return a.status() == 403 && a.json().path("code").asInt() == 7;
  }

  private static boolean unavailable(Answer a) {
    return a.status() == 503 && a.json().path("code").asInt() == 14;
  }
}
