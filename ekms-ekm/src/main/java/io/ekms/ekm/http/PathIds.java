package io.ekms.ekm.http;

import io.ekms.core.http.Request;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.service.EkmError;

/**
 * Ids in request paths, checked at the edge: an EKM id has one shape (type prefix, dash, 32 hex
 * digits), so anything else, overlong, with a NUL or right-to-left mark, is a 400 {@code
 * InvalidRequest} naming the parameter before any lookup or record uses it.
 */
final class PathIds {
  private PathIds() {}

  /** The path parameter {@code name}, which must be an EKM id. */
  static String ekm(Request req, String name) {
    String value = req.path(name);
    if (!Ids.wellFormed(value)) {
      throw EkmError.INVALID_REQUEST.error("'" + name + "' in the path is not an EKM id.");
    }
    return value;
  }
}
