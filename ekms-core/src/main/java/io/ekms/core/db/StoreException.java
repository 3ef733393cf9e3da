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

  /** True when the store refused a duplicate key (SQLState class 23). */
  public boolean isConstraintViolation() {
    return getCause() instanceof SQLException s
        && s.getSQLState() != null
        && s.getSQLState().startsWith("23");
  }
}
