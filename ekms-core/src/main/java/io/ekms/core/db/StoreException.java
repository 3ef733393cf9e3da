package io.ekms.core.db;

import java.sql.SQLException;

/** The metadata store failed; the caller sees a 500 and the cause is logged, never sent. */
public final class StoreException extends RuntimeException {
  public StoreException(SQLException cause) {
    super("metadata store failure (SQLState " + cause.getSQLState() + ")", cause);
  }

  public StoreException(String message) {
    super(message);
  }

  /** A store kept in files failed; {@code message} names the file, never its content. */
  public StoreException(String message, java.io.IOException cause) {
    super(message, cause);
  }

  /**
   * True when the store refused a write on any integrity constraint (SQLState class 23): unique and
   * primary keys, but also foreign keys, NOT NULL and CHECK. Use {@link #isDuplicateKey()} to
   * answer "already exists".
   */
  public boolean isConstraintViolation() {
    return sqlState().startsWith("23");
  }

  /** True when the store refused a duplicate primary or unique key (SQLState 23505). */
  public boolean isDuplicateKey() {
    return sqlState().equals("23505");
  }

  private String sqlState() {
    return getCause() instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() : "";
  }
}
