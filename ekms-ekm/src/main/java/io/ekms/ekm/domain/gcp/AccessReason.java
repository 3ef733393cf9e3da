package io.ekms.ekm.domain.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The Key Access Justification of a Cloud EKM request ({@code
 * additionalContext.accessReasonContext.reason}), by Google's number. Two classes are ours: {@link
 * #MISSING} when the request carries no reason, and {@link #UNKNOWN} for a name or number this
 * version does not know (the enum grows), so each can be allowed or denied on its own.
 */
public enum AccessReason {
  REASON_UNSPECIFIED(0),
  CUSTOMER_INITIATED_SUPPORT(1),
  GOOGLE_INITIATED_SERVICE(2),
  THIRD_PARTY_DATA_REQUEST(3),
  GOOGLE_INITIATED_REVIEW(4),
  CUSTOMER_INITIATED_ACCESS(5),
  GOOGLE_INITIATED_SYSTEM_OPERATION(6),
  REASON_NOT_EXPECTED(7),
  MODIFIED_CUSTOMER_INITIATED_ACCESS(8),
  MODIFIED_GOOGLE_INITIATED_SYSTEM_OPERATION(9),
  GOOGLE_RESPONSE_TO_PRODUCTION_ALERT(10),
  CUSTOMER_AUTHORIZED_WORKFLOW_SERVICING(11),
  UNKNOWN(-1),
  MISSING(-2);

  private final int number;

  AccessReason(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  /**
   * The reason a JSON value names: a name (any case) or a number, as proto3 JSON allows; absent or
   * null is {@link #MISSING}, anything else not known is {@link #UNKNOWN}.
   */
  public static AccessReason of(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return MISSING;
    }
    if (value.isIntegralNumber()) {
      int n = value.asInt();
      for (AccessReason r : values()) {
        if (r.number == n && n >= 0) {
          return r;
        }
      }
      return UNKNOWN;
    }
    if (value.isTextual()) {
      String name = value.asText().strip().toUpperCase(Locale.ROOT);
      if (name.matches("[0-9]{1,9}")) {
        return of(com.fasterxml.jackson.databind.node.IntNode.valueOf(Integer.parseInt(name)));
      }
      for (AccessReason r : values()) {
        if (r.number >= 0 && r.name().equals(name)) {
          return r;
        }
      }
    }
    return UNKNOWN;
  }

  /** A configured reason by its name, MISSING and UNKNOWN included; null when none matches. */
  public static AccessReason named(String name) {
    for (AccessReason r : values()) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    return null;
  }
}
