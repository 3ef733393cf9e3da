package io.ekms.core.audit;

import static io.ekms.core.audit.AuditFixtures.sql;

import io.ekms.core.db.Database;

/**
 * What an attacker with write access to the store does to the default node's chain, once per kind
 * of store: the tampering tests of {@link AuditLogContract} run through it, so every store proves
 * that verification catches the same changes.
 */
interface ChainTamper {
  /** Sets the {@code result} of the record at {@code seq}, leaving its hash. */
  void setResult(long seq, String result);

  /** Makes the details of the record at {@code seq} unreadable. */
  void breakDetails(long seq);

  /** Removes the record at {@code seq}. */
  void delete(long seq);

  /** Removes the record at {@code seq} and renumbers the records after it, up to {@code last}. */
  void deleteAndRenumber(long seq, long last);

  /** Exchanges the records at {@code a} and {@code b}, each taking the other's seq. */
  void swap(long a, long b);

  /** The rows of {@code audit_log}. */
  static ChainTamper rows(Database database) {
    return new ChainTamper() {
      @Override
      public void setResult(long seq, String result) {
        sql(database, "UPDATE audit_log SET result = '" + result + "' WHERE seq = " + seq);
      }

      @Override
      public void breakDetails(long seq) {
        sql(database, "UPDATE audit_log SET details = 'not json' WHERE seq = " + seq);
      }

      @Override
      public void delete(long seq) {
        sql(database, "DELETE FROM audit_log WHERE seq = " + seq);
      }

      @Override
      public void deleteAndRenumber(long seq, long last) {
        delete(seq);
        for (long s = seq + 1; s <= last; s++) {
          sql(database, "UPDATE audit_log SET seq = " + (s - 1) + " WHERE seq = " + s);
        }
      }

      @Override
      public void swap(long a, long b) {
        sql(
            database,
            "UPDATE audit_log SET seq = -" + a + " WHERE seq = " + a,
            "UPDATE audit_log SET seq = " + a + " WHERE seq = " + b,
            "UPDATE audit_log SET seq = " + b + " WHERE seq = -" + a);
      }
    };
  }
}
