package io.ekms.kms.http;

import io.ekms.core.http.Request;
import io.ekms.kms.domain.Page;
import io.ekms.kms.service.KmsError;
import io.ekms.kms.service.Validate;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** What KMS routes read from a request besides its JSON body: path ids, paging, deletion time. */
final class Params {
  private Params() {}

  /** A path parameter that must be an OCID of {@code type}: a 400 naming it otherwise. */
  static String id(Request r, String name, String type) {
    return Validate.ocid(name, r.path(name), type);
  }

  static String ifMatch(Request r) {
    return r.header("if-match");
  }

  static String compartment(Request r) {
    return r.query("compartmentId").orElse(null);
  }

  /** {@code limit} and {@code page} of a list call. */
  static Page page(Request r) {
    Integer limit;
    try {
      limit = r.query("limit").map(Integer::valueOf).orElse(null);
    } catch (NumberFormatException e) {
      throw KmsError.INVALID_PARAMETER.error("'limit' must be a number from 1 to 1000.");
    }
    try {
      return Page.of(r.query("page").orElse(null), limit);
    } catch (IllegalArgumentException e) {
      throw KmsError.INVALID_PARAMETER.error(
          "'"
              + (e.getMessage().startsWith("limit")
                  ? "limit' must be 1 to 1000."
                  : "page' is not a page token from this KMS."));
    }
  }

  /** {@code timeOfDeletion} of a scheduleDeletion body, or null when absent. */
  static Instant deletionTime(Request r) {
    if (r.body().length == 0) {
      return null;
    }
    String value = r.json(Requests.ScheduleDeletion.class).timeOfDeletion();
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw KmsError.INVALID_PARAMETER.error("'timeOfDeletion' must be an RFC 3339 time.");
    }
  }
}
