package io.ekms.ekm.http;

import io.ekms.common.json.Base64Field;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.service.EkmError;

/** Field checks of API requests; each failure is a 400 naming the field. */
final class Fields {
  private Fields() {}

  static byte[] b64(String name, String value, int min, int max) {
    try {
      return Base64Field.decode(name, value, min, max);
    } catch (IllegalArgumentException e) {
      throw EkmError.INVALID_REQUEST.error(e.getMessage());
    }
  }

  static byte[] optionalB64(String name, String value, int max) {
    return value == null ? null : b64(name, value, 0, max);
  }

  /** A required EKM id (a key version id, say), checked for its shape. */
  static String id(String name, String value) {
    if (!Ids.wellFormed(required(name, value))) {
      throw EkmError.INVALID_REQUEST.error("Field '" + name + "' is not an EKM id.");
    }
    return value;
  }

  /** An optional EKM id: null when absent, else checked for its shape. */
  static String optionalId(String name, String value) {
    return value == null ? null : id(name, value);
  }

  static String required(String name, String value) {
    if (value == null || value.isEmpty()) {
      throw EkmError.INVALID_REQUEST.error("Field '" + name + "' is required.");
    }
    return value;
  }
}
