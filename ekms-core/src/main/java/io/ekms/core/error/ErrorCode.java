package io.ekms.core.error;

/**
 * A stable error code of one API and the HTTP status it maps to. Each API declares its codes in one
 * enum, which is therefore the single place where its errors meet HTTP.
 */
public interface ErrorCode {
  /** The stable name sent as {@code code} in the error body. */
  String code();

  /** The HTTP status this code is answered with. */
  int status();
}
