package io.ekms.ekm.service;

import io.ekms.common.tls.Pem;
import java.net.URI;
import java.util.function.Supplier;

/** Validation of admin input, turning bad values into 400 InvalidRequest with a clear message. */
final class Requests {
  private Requests() {}

  /** Builds a domain value whose constructor validates; its complaint becomes a 400. */
  static <T> T build(Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      String message = e.getMessage() == null ? "A required field is missing." : e.getMessage();
      throw EkmError.INVALID_REQUEST.error(message);
    }
  }

  static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw EkmError.INVALID_REQUEST.error("Field '" + field + "' is required.");
    }
    return value;
  }

  /** An https URL, or http on a loopback host; null stays null. */
  static String url(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      URI uri = URI.create(value);
      String host = uri.getHost();
      boolean loopback = "127.0.0.1".equals(host) || "localhost".equals(host);
      if (host != null
          && value.length() <= 2048
          && ("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))) {
        return value;
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw EkmError.INVALID_REQUEST.error(
        "Field '" + field + "' must be an https URL (http only on loopback).");
  }

  static String pemOrNull(String pem) {
    if (pem == null) {
      return null;
    }
    try {
      Pem.certificates(pem);
      return pem;
    } catch (IllegalArgumentException e) {
      throw EkmError.INVALID_REQUEST.error("Field 'caBundle' must hold PEM certificates.");
    }
  }
}
