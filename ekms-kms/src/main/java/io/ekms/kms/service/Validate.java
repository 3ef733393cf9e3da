package io.ekms.kms.service;

import io.ekms.kms.domain.Ocids;

/** Checks of request fields: each failure is a 400 that names the field and the rule. */
public final class Validate {
  private Validate() {}

  public static String required(String field, String value) {
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

  /** A compartment or tenancy OCID. */
  public static String compartment(String value) {
    required("compartmentId", value);
    if (!Ocids.isType(value, "compartment") && !Ocids.isType(value, "tenancy")) {
      throw KmsError.INVALID_PARAMETER.error("'compartmentId' is not a compartment OCID.");
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
