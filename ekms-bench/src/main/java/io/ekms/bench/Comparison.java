package io.ekms.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A rate measured beside its baseline in the same run, with the ratio the issue targets: envelope
 * encryption against raw AES-256-GCM, the EKM's PKCS#11 backend against the raw provider. {@code
 * note} says how it was measured, or why it was not ({@code measured} false).
 */
public record Comparison(
    String name,
    boolean measured,
    double rate,
    double baselineRate,
    String unit,
    double targetRatio,
    String note) {

  static Comparison skipped(String name, double targetRatio, String why) {
    return new Comparison(name, false, 0, 0, "", targetRatio, why);
  }

  /** {@code rate / baselineRate}, or 0 when not measured. */
  @JsonProperty("ratio")
  public double ratio() {
    return measured && baselineRate > 0 ? rate / baselineRate : 0;
  }

  @JsonProperty("met")
  public boolean met() {
    return measured && ratio() >= targetRatio;
  }
}
