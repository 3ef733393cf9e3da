package io.ekms.kms.store;

import io.ekms.core.db.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Leases of periodic jobs ({@code kms_job_leases}): which node may run a job's next pass. Taking
 * and renewing are one conditional UPDATE, which the database serialises on the row, so of two
 * nodes asking at once exactly one gets it.
 */
public final class JobLeaseRepository {
  /**
   * Gives {@code job} to {@code holder} until {@code until} if it is free (expired at {@code now})
   * or already held by {@code holder}; true when {@code holder} now holds it.
   */
  public boolean take(Connection c, String job, String holder, long now, long until)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE kms_job_leases SET holder = ?, expires_at = ?"
                + " WHERE name = ? AND (holder = ? OR expires_at <= ?)")) {
      Rows.bind(ps, holder, until, job, holder, now);
      return ps.executeUpdate() == 1;
    }
  }

  /** Lets {@code job} go at once if {@code holder} holds it. */
  public void release(Connection c, String job, String holder) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE kms_job_leases SET expires_at = 0 WHERE name = ? AND holder = ?")) {
      Rows.bind(ps, job, holder);
      ps.executeUpdate();
    }
  }
}
