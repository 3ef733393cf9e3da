package io.ekms.conformance.xks;

import io.ekms.conformance.Answer;
import io.ekms.conformance.Check;
import io.ekms.conformance.HookChecks;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of AWS KMS's XKS proxy API, covering at least what AWS's public XKS proxy test client
 * covers (its every check, the mTLS negatives included) and the error table beyond it: empty and
 * malformed bodies, tampering, stale and changed signatures, the kill switch and a transient fault.
 */
public final class XksSuite {
  public static final String NAME = "xks";

  private XksSuite() {}

  public static List<Check> checks(XksTarget target) {
    XksCalls calls = new XksCalls(target);
    List<Check> checks = new ArrayList<>();
    checks.addAll(new XksCryptoChecks(calls).all());
    checks.addAll(new XksErrorChecks(calls).all());
    checks.addAll(new XksAuthChecks(calls).all());
    checks.addAll(new XksUsageChecks(calls).all());
    HookChecks hooks =
        new HookChecks(
            "xks",
            target.hooks(),
            () -> calls.encryptRaw(target.keyId(), XksCryptoChecks.PLAIN, null, false));
    checks.add(
        hooks.killSwitch(
            a -> a.status() == 400 && "InvalidStateException".equals(a.field("errorName")),
            "400 InvalidStateException"));
    checks.add(
        hooks.transientFault(
            XksSuite::unavailable, "503 DependencyTimeoutException or 500 InternalException"));
    checks.add(hooks.latency(target.budget(), target.latencyCalls()));
    return checks;
  }

  private static boolean unavailable(Answer a) {
    return (a.status() == 503 && "DependencyTimeoutException".equals(a.field("errorName")))
        || (a.status() == 500 && "InternalException".equals(a.field("errorName")));
  }
}
