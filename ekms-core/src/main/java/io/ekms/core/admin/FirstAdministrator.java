package io.ekms.core.admin;

import io.ekms.core.db.Database;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who {@code init} enrolls at once with the bootstrap token it has just made, for a developer's or
 * a test's stack ({@code --administrator NAME}): the bootstrap token is spent on this security
 * officer, whose token is the one init writes. Production set-ups leave it out and enroll their
 * first security officer through the admin API.
 */
public record FirstAdministrator(String name, Set<AdminRole> roles) {
  public FirstAdministrator {
    roles = EnumSet.copyOf(roles);
    if (!roles.contains(AdminRole.SECURITY_OFFICER)) {
      throw new IllegalArgumentException("the first administrator must be a security officer");
    }
  }

  /** An administrator holding every role: the quickstart's and the tests'. */
  public static FirstAdministrator allRoles(String name) {
    return new FirstAdministrator(name, EnumSet.allOf(AdminRole.class));
  }

  /**
   * Stores a fresh bootstrap token in {@code db}, then, when {@code first} is not null, spends it
   * on that administrator. Returns the token init writes: the bootstrap token, or the first
   * administrator's.
   */
  public static String initialize(Database db, Clock clock, FirstAdministrator first) {
    String bootstrap = db.inTransaction(AdminDirectory::newBootstrap);
    if (first == null) {
      return bootstrap;
    }
    AdminDirectory directory = new AdminDirectory(db, clock, AdminErrors.plain());
    return directory.create(Administrator.BOOTSTRAP, first.name(), first.roles()).token();
  }
}
