package io.ekms.core.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one API or admin call did, as the audit log stores it. Callers never put secrets here; the
 * type holds only bounded strings, so nothing secret can hide in a byte array.
 *
 * <p>{@code time} is kept at millisecond precision, the precision the log stores and hashes, so a
 * record reads back equal to what was appended. {@code vault}, {@code key} and {@code version} are
 * {@code null} when the call had none (an empty string becomes {@code null}, so "absent" has one
 * encoding); {@code details} is an immutable copy sorted by key, empty when there are none.
 *
 * <p>No string may contain U+0000 or an unpaired surrogate: PostgreSQL cannot store the first and
 * UTF-8 cannot carry the second, so either would change the record between append and verify.
 */
public record AuditRecord(
    Instant time,
    String requestId,
    String caller,
    String operation,
    String vault,
    String key,
    String version,
    String result,
    Map<String, String> details) {
  public static final int MAX_REQUEST_ID = 128;
  public static final int MAX_CALLER = 256;
  public static final int MAX_OPERATION = 64;
  public static final int MAX_NAME = 256;
  public static final int MAX_RESULT = 64;
  public static final int MAX_DETAILS = 32;
  public static final int MAX_DETAIL_KEY = 64;
  public static final int MAX_DETAIL_VALUE = 1024;

  public AuditRecord {
    time = millis(time);
    requireText("requestId", requestId, MAX_REQUEST_ID);
    requireText("caller", caller, MAX_CALLER);
    requireText("operation", operation, MAX_OPERATION);
    vault = optional("vault", vault);
    key = optional("key", key);
    version = optional("version", version);
    requireText("result", result, MAX_RESULT);
    details = sortedCopy(details);
  }

  /**
   * A record of text that may come from a caller: every field is made storable and clipped to its
   * bound by {@link AuditText#clip}, and details beyond {@link #MAX_DETAILS} are dropped (their
   * number kept under {@code detailsDropped}), so a completed operation's record is never refused
   * for what the caller sent. Required fields must still be non-empty.
   */
  public static AuditRecord clipped(
      Instant time,
      String requestId,
      String caller,
      String operation,
      String vault,
      String key,
      String version,
      String result,
      Map<String, String> details) {
    return new AuditRecord(
        time,
        AuditText.clip(requestId, MAX_REQUEST_ID),
        AuditText.clip(caller, MAX_CALLER),
        AuditText.clip(operation, MAX_OPERATION),
        AuditText.clip(vault, MAX_NAME),
        AuditText.clip(key, MAX_NAME),
        AuditText.clip(version, MAX_NAME),
        AuditText.clip(result, MAX_RESULT),
        clippedDetails(details));
  }

  private static Map<String, String> clippedDetails(Map<String, String> details) {
    if (details == null || details.isEmpty()) {
      return details;
    }
    TreeMap<String, String> out = new TreeMap<>();
    int room = details.size() > MAX_DETAILS ? MAX_DETAILS - 1 : MAX_DETAILS;
    int dropped = 0;
    for (Map.Entry<String, String> e : details.entrySet()) {
      String k = AuditText.clip(e.getKey(), MAX_DETAIL_KEY);
      if (k == null || k.isEmpty() || out.size() >= room || out.containsKey(k)) {
        dropped++;
        continue;
      }
      String v = e.getValue() == null ? "" : AuditText.clip(e.getValue(), MAX_DETAIL_VALUE);
      out.put(k, v);
    }
    if (dropped > 0) {
      out.put("detailsDropped", Integer.toString(dropped));
    }
    return out;
  }

  private static Instant millis(Instant time) {
    if (time == null) {
      throw new IllegalArgumentException("audit record: time is required");
    }
    try {
      return Instant.ofEpochMilli(time.toEpochMilli());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("audit record: time is out of range", e);
    }
  }

  private static void requireText(String field, String value, int max) {
    if (value == null || value.isEmpty() || value.length() > max) {
      throw new IllegalArgumentException(
          "audit record: " + field + " must be 1 to " + max + " characters");
    }
    requireStorable(field, value);
  }

  private static String optional(String field, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    requireText(field, value, MAX_NAME);
    return value;
  }

  private static Map<String, String> sortedCopy(Map<String, String> details) {
    if (details == null || details.isEmpty()) {
      return Collections.emptySortedMap();
    }
    if (details.size() > MAX_DETAILS) {
      throw new IllegalArgumentException(
          "audit record: at most " + MAX_DETAILS + " details are allowed");
    }
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : details.entrySet()) {
      requireText("a detail key", e.getKey(), MAX_DETAIL_KEY);
      String value = e.getValue();
      if (value == null || value.length() > MAX_DETAIL_VALUE) {
        throw new IllegalArgumentException(
            "audit record: a detail value must be 0 to " + MAX_DETAIL_VALUE + " characters");
      }
      requireStorable("a detail value", value);
      copy.put(e.getKey(), value);
    }
    return Collections.unmodifiableSortedMap(copy);
  }

  /** Rejects what a database or UTF-8 would silently alter (see the type's Javadoc). */
  private static void requireStorable(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean pairedHigh =
          Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1));
      if (pairedHigh) {
        i++;
      } else if (c == '\0' || Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "audit record: " + field + " contains U+0000 or an unpaired surrogate");
      }
    }
  }
}
