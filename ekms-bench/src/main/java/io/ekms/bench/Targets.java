package io.ekms.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The issues' targets (7: end to end, EKM API, p99, envelope; 6: XKS; 4: PKCS#11; 13: the audit
 * writer's CPU per record), evaluated against one run's figures. Load targets are read at
 * concurrency {@link #AT}, closed loop.
 */
final class Targets {
  static final int AT = 16;
  static final double XKS_RATE = 1800;
  static final double XKS_P99_MS = 25;
  static final double KMS_P99_MS = 10;

  private Targets() {}

  static List<Target> evaluate(List<Result> results, List<Comparison> comparisons) {
    List<Target> out = new ArrayList<>();
    out.add(againstPeer(results, KmsScenarios.DECRYPT, 1.0, "KMS decrypt end to end vs peer"));
    out.add(againstPeer(results, EkmScenarios.DECRYPT, 1.5, "EKM API decrypt vs peer"));
    out.add(kmsP99(results));
    out.add(xks(results));
    for (Comparison c : comparisons) {
      String goal = String.format(Locale.ROOT, "≥ %.2f of baseline", c.targetRatio());
      out.add(
          c.measured()
              ? new Target(
                  c.name(),
                  String.format(
                      Locale.ROOT,
                      "%.2f (%.0f vs %.0f %s)",
                      c.ratio(),
                      c.rate(),
                      c.baselineRate(),
                      c.unit()),
                  goal,
                  Target.Status.of(c.met()))
              : new Target(c.name(), c.note(), goal, Target.Status.NOT_MEASURED));
    }
    out.add(AuditCpu.target(results));
    return out;
  }

  static Target againstPeer(List<Result> results, String scenario, double ratio, String name) {
    String title = name + " (c=" + AT + ")";
    String goal = String.format(Locale.ROOT, "≥ %.1f× peer decrypt", ratio);
    Optional<Result> ours = Ratios.find(results, scenario, AT);
    Optional<Result> peer = Ratios.find(results, PeerScenarios.DECRYPT, AT);
    if (ours.isEmpty() || peer.isEmpty() || peer.get().opsPerSecond() == 0) {
      return new Target(title, missing(ours, scenario, peer), goal, Target.Status.NOT_MEASURED);
    }
    double measured = ours.get().opsPerSecond() / peer.get().opsPerSecond();
    return new Target(
        title,
        String.format(
            Locale.ROOT,
            "%.2f× (%.0f vs %.0f ops/s)",
            measured,
            ours.get().opsPerSecond(),
            peer.get().opsPerSecond()),
        goal,
        Target.Status.of(measured >= ratio));
  }

  static Target kmsP99(List<Result> results) {
    String title = "KMS end-to-end p99 (c=" + AT + ", worst of encrypt, decrypt, generate DEK)";
    String goal = String.format(Locale.ROOT, "< %.0f ms", KMS_P99_MS);
    double worst = -1;
    String which = null;
    for (String s :
        List.of(KmsScenarios.ENCRYPT, KmsScenarios.DECRYPT, KmsScenarios.GENERATE_DEK)) {
      Optional<Result> r = Ratios.find(results, s, AT);
      if (r.isPresent() && r.get().p99Ms() > worst) {
        worst = r.get().p99Ms();
        which = s;
      }
    }
    if (which == null) {
      return new Target(title, "no KMS end-to-end figures", goal, Target.Status.NOT_MEASURED);
    }
    return new Target(
        title,
        String.format(Locale.ROOT, "%.2f ms (%s)", worst, which),
        goal,
        Target.Status.of(worst < KMS_P99_MS));
  }

  static Target xks(List<Result> results) {
    String title = "XKS encrypt per key store (c=" + AT + ")";
    String goal =
        String.format(Locale.ROOT, "> %.0f req/s and p99 < %.0f ms", XKS_RATE, XKS_P99_MS);
    Optional<Result> r = Ratios.find(results, XksScenarios.ENCRYPT, AT);
    if (r.isEmpty()) {
      return new Target(title, "no XKS figures", goal, Target.Status.NOT_MEASURED);
    }
    Result x = r.get();
    return new Target(
        title,
        String.format(Locale.ROOT, "%.0f req/s, p99 %.2f ms", x.opsPerSecond(), x.p99Ms()),
        goal,
        Target.Status.of(x.opsPerSecond() > XKS_RATE && x.p99Ms() < XKS_P99_MS));
  }

  private static String missing(Optional<Result> ours, String scenario, Optional<Result> peer) {
    if (ours.isEmpty()) {
      return "no " + scenario + " figure at c=" + AT;
    }
    return peer.isEmpty() ? "the peer was not measured" : "the peer answered nothing";
  }
}
