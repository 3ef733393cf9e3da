package io.ekms.kms.service;

import io.ekms.common.secret.WireSecret;
import io.ekms.kms.domain.Ocids;
import java.util.regex.Pattern;

/** Checks of request fields: each failure is a 400 that names the field and the rule. */
public final class Validate {
  private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,254}");

  private Validate() {}

  public static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw KmsError.MISSING_PARAMETER.error("'" + field + "' is required.");
    }
    return value;
  }

  /** A secret field that is present and not blank. */
  public static WireSecret required(String field, WireSecret value) {
    if (value == null || value.isBlank()) {
      throw KmsError.MISSING_PARAMETER.error("'" + field + "' is required.");
    }
    return value;
  }

  public static <T> T required(String field, T value) {
    if (value == null) {
      throw KmsError.MISSING_PARAMETER.error("'" + field + "' is required.");
    }
    return value;
  }

  public static String ocid(String field, String value, String type) {
    required(field, value);
    if (!Ocids.wellFormed(value) || (type != null && !Ocids.isType(value, type))) {
      throw KmsError.INVALID_PARAMETER.error("'" + field + "' is not a valid " + type + " OCID.");
    }
    return value;
  }

  /** An optional OCID of {@code type}: null when absent, else checked as {@link #ocid}. */
  public static String optionalOcid(String field, String value, String type) {
    return value == null ? null : ocid(field, value, type);
  }

  /** A compartment or tenancy OCID. */
  public static String compartment(String value) {
    required("compartmentId", value);
    if (!Ocids.isType(value, "compartment") && !Ocids.isType(value, "tenancy")) {
      throw KmsError.INVALID_PARAMETER.error("'compartmentId' is not a compartment OCID.");
    }
    return value;
  }

  /**
   * An id of the customer's EKM (key or key version): it travels in the EKM API's URL paths, so it
   * must be 1 to 255 path-safe characters starting with a letter or digit, as the EKM client sends.
   */
  public static String externalId(String field, String value) {
    required(field, value);
    if (!EXTERNAL_ID.matcher(value).matches()) {
      throw KmsError.INVALID_PARAMETER.error(
          "'"
              + field
              + "' must be 1 to 255 characters of A-Z a-z 0-9 . _ ~ -, starting with a letter or"
              + " digit.");
    }
    return value;
  }

  public static String displayName(String value) {
    if (value != null
        && (value.isBlank()
            || value.length() > 255
            || value.chars().anyMatch(Character::isISOControl))) {
      throw KmsError.INVALID_PARAMETER.error(
          "'displayName' must be 1 to 255 characters without control characters.");
    }
    return value;
  }

  public static void check(boolean ok, String message) {
    if (!ok) {
      throw KmsError.INVALID_PARAMETER.error(message);
    }
  }
}
