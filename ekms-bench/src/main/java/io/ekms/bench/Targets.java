package io.ekms.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The issues' targets (7: end to end, EKM API, p99, envelope; 6: XKS; 4: PKCS#11 against the raw
 * provider; 13: the audit writer's CPU per record; 14: the hot path against the ceilings and the
 * PKCS#11 backend against the software one; 16: a key-access policy's cost), evaluated against one
 * run's figures. Load targets are read at concurrency {@link #AT}, closed loop, unless they name
 * their concurrency.
 */
final class Targets {
  static final int AT = 16;
  static final double XKS_RATE = 1800;
  static final double XKS_P99_MS = 25;
  static final double KMS_P99_MS = 10;
  static final double KMS_TO_TWO_HOPS = 0.6;
  static final double XKS_TO_ONE_HOP = 0.8;
  static final double PKCS11_TO_SOFTWARE = 0.9;
  static final double POLICY_TO_NONE = 0.95;

  private Targets() {}

  static List<Target> evaluate(List<Result> results, List<Comparison> comparisons) {
    List<Target> out = new ArrayList<>();
    out.add(againstPeer(results, KmsScenarios.DECRYPT, 1.0, "KMS decrypt end to end vs peer"));
    out.add(againstPeer(results, EkmScenarios.DECRYPT, 1.5, "EKM API decrypt vs peer"));
    out.add(kmsP99(results));
    out.add(xks(results));
    out.add(
        againstReference(
            results,
            "KMS decrypt end to end vs the two-hop ceiling (c=" + AT + ")",
            KmsScenarios.DECRYPT,
            Ratios.CEILING_TWO_HOPS,
            AT,
            KMS_TO_TWO_HOPS));
    out.add(
        againstReference(
            results,
            "XKS encrypt vs the one-hop ceiling (c=" + AT + ")",
            XksScenarios.ENCRYPT,
            Ratios.CEILING_ONE_HOP,
            AT,
            XKS_TO_ONE_HOP));
    out.add(
        againstReference(
            results,
            "EKM decrypt with a realistic key-access policy vs without (c=" + AT + ")",
            EkmScenarios.DECRYPT_WITH_POLICY,
            EkmScenarios.DECRYPT,
            AT,
            POLICY_TO_NONE));
    for (int threads : List.of(1, 4)) {
      out.add(
          againstReference(
              results,
              "PKCS#11 backend vs the software backend, EKM encrypt (c=" + threads + ")",
              "pkcs11-ekm-encrypt",
              Pkcs11Child.SOFTWARE_REFERENCE,
              threads,
              PKCS11_TO_SOFTWARE));
    }
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
    return againstReference(
        results,
        name + " (c=" + AT + ")",
        scenario,
        PeerScenarios.DECRYPT,
        "peer decrypt",
        "the peer was not measured",
        AT,
        ratio);
  }

  /** {@code scenario}'s rate over {@code reference}'s, both at concurrency {@code c}. */
  static Target againstReference(
      List<Result> results, String title, String scenario, String reference, int c, double goal) {
    return againstReference(
        results,
        title,
        scenario,
        reference,
        reference,
        "no " + reference + " figure at c=" + c,
        c,
        goal);
  }

  private static Target againstReference(
      List<Result> results,
      String title,
      String scenario,
      String reference,
      String referenceName,
      String referenceMissing,
      int c,
      double goal) {
    String goalText =
        "≥ "
            + java.math.BigDecimal.valueOf(goal).stripTrailingZeros().toPlainString()
            + "× "
            + referenceName;
    Optional<Result> ours = Ratios.find(results, scenario, c);
    Optional<Result> ref = Ratios.find(results, reference, c);
    if (ours.isEmpty() || ref.isEmpty() || ref.get().opsPerSecond() == 0) {
      String why =
          ours.isEmpty()
              ? "no " + scenario + " figure at c=" + c
              : ref.isEmpty() ? referenceMissing : referenceName + " answered nothing";
      return new Target(title, why, goalText, Target.Status.NOT_MEASURED);
    }
    double measured = ours.get().opsPerSecond() / ref.get().opsPerSecond();
    return new Target(
        title,
        String.format(
            Locale.ROOT,
            "%.2f× (%.0f vs %.0f ops/s)",
            measured,
            ours.get().opsPerSecond(),
            ref.get().opsPerSecond()),
        goalText,
        Target.Status.of(measured >= goal));
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
}
