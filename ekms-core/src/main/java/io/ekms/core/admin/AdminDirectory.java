package io.ekms.core.admin;

import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.db.StoreException;
import io.ekms.core.http.AdminCredential;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The named administrators of one admin API, in its database, so every node of a cluster sees a
 * creation or a removal at once. A presented token is looked up by its SHA-256 on every call;
 * nothing is cached. The bootstrap token written at init can only create the first security
 * officer, and that creation retires it in the same transaction (two nodes racing: one wins).
 */
public final class AdminDirectory {
  /** The prefix of a bootstrap token, so that a retired one can be named as such. */
  public static final String BOOTSTRAP_PREFIX = "ekmsboot_";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final int MAX_AUTHORIZATION = 512;
  private final Database db;
  private final Clock clock;
  private final AdminErrors errors;
  private final AdminRepository repo = new AdminRepository();

  public AdminDirectory(Database db, Clock clock, AdminErrors errors) {
    this.db = db;
    this.clock = clock;
    this.errors = errors;
  }

  /** A new administrator and its token, which is shown once and never stored. */
  public record Issued(Administrator administrator, String token) {
    @Override
    public String toString() {
      return "Issued[" + administrator.name() + ", token=REDACTED]";
    }
  }

  /**
   * Writes a fresh bootstrap token's hash (at init), replacing any earlier one (an init that failed
   * before writing its token file); returns the token, to be written 0600.
   */
  public static String newBootstrap(Connection c) throws SQLException {
    String token = AdminCredential.newToken(BOOTSTRAP_PREFIX);
    AdminRepository repo = new AdminRepository();
    repo.retireBootstrap(c);
    repo.putBootstrap(c, AdminCredential.hash(token));
    return token;
  }

  /**
   * Makes the single admin token of a server initialized before named administrators existed its
   * bootstrap token, when there is neither an administrator nor a bootstrap token yet: that token
   * can then create the first security officer, and nothing else.
   */
  public static void adoptLegacyToken(Connection c, String tokenSha256) throws SQLException {
    AdminRepository repo = new AdminRepository();
    if (repo.count(c) == 0 && !repo.hasBootstrap(c)) {
      repo.putBootstrap(c, tokenSha256);
    }
  }

  /** True when the API has an administrator or a bootstrap token, so someone can get in. */
  public boolean initialized() {
    return db.withConnection(c -> repo.count(c) > 0 || repo.hasBootstrap(c));
  }

  /** The administrator {@code authorization} ({@code Bearer <token>}) names, or a refusal. */
  public Administrator authenticate(String authorization) {
    if (authorization == null
        || !authorization.startsWith("Bearer ")
        || authorization.length() > MAX_AUTHORIZATION) {
      throw errors.unauthenticated("A valid admin token is required.");
    }
    String token = authorization.substring(7).strip();
    String hash = AdminCredential.hash(token);
    return db.withConnection(
        c -> {
          var named = repo.byTokenHash(c, hash);
          if (named.isPresent()) {
            return named.get();
          }
          if (repo.bootstrapIs(c, hash)) {
            return Administrator.BOOTSTRAP;
          }
          throw errors.unauthenticated(
              token.startsWith(BOOTSTRAP_PREFIX)
                  ? "The bootstrap token was retired when the first security officer was"
                      + " created; use an administrator's own token."
                  : "A valid admin token is required.");
        });
  }

  /**
   * Creates an administrator with {@code roles}. Through the bootstrap token only a first security
   * officer, which retires it.
   */
  public Issued create(Administrator caller, String name, Set<AdminRole> roles) {
    checkName(name);
    if (roles == null || roles.isEmpty()) {
      throw errors.invalid("An administrator needs at least one role.");
    }
    if (caller.bootstrap() && !roles.contains(AdminRole.SECURITY_OFFICER)) {
      throw errors.forbidden("The bootstrap token can only create the first security officer.");
    }
    String token = AdminCredential.newToken();
    Administrator created =
        new Administrator(
            "adm" + Randoms.hex(12), name, EnumSet.copyOf(roles), clock.instant(), caller.caller());
    try {
      db.inTransaction(
          c -> {
            if (caller.bootstrap() && !repo.retireBootstrap(c)) {
              throw errors.unauthenticated(
                  "The bootstrap token was retired when the first security officer was created.");
            }
            if (repo.byName(c, name).isPresent()) {
              throw errors.conflict("An administrator named '" + name + "' exists already.");
            }
            repo.insert(c, created, AdminCredential.hash(token));
            return null;
          });
    } catch (StoreException e) {
      if (e.isDuplicateKey()) {
        throw errors.conflict("An administrator named '" + name + "' exists already.");
      }
      throw e;
    }
    return new Issued(created, token);
  }

  /** The administrator {@code id} names, if it still exists. */
  public java.util.Optional<Administrator> find(String id) {
    return db.withConnection(c -> repo.byId(c, id));
  }

  /** Every administrator, by name. */
  public List<Administrator> list() {
    return db.withConnection(repo::list);
  }

  public Administrator get(String name) {
    checkName(name);
    return db.withConnection(c -> repo.byName(c, name))
        .orElseThrow(() -> errors.notFound("No administrator named '" + name + "'."));
  }

  /** Removes {@code name}; its token stops working at once. The last security officer stays. */
  public Administrator remove(Administrator caller, String name) {
    checkName(name);
    return db.inTransaction(
        c -> {
          long officers = officers(c);
          Administrator target =
              repo.byName(c, name)
                  .orElseThrow(() -> errors.notFound("No administrator named '" + name + "'."));
          if (target.holds(AdminRole.SECURITY_OFFICER) && officers == 1) {
            throw errors.conflict(
                "'" + name + "' is the last security officer; create another one first.");
          }
          repo.delete(c, target.id());
          return target;
        });
  }

  /** A new token for {@code name}; the old one stops working at once. */
  public Issued rotateToken(String name) {
    Administrator target = get(name);
    String token = AdminCredential.newToken();
    boolean done =
        db.inTransaction(c -> repo.setTokenHash(c, target.id(), AdminCredential.hash(token)));
    if (!done) {
      throw errors.notFound("No administrator named '" + name + "'.");
    }
    return new Issued(target, token);
  }

  private long officers(Connection c) throws SQLException {
    return repo.lockAll(c).stream().filter(a -> a.holds(AdminRole.SECURITY_OFFICER)).count();
  }

  private void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw errors.invalid(
          "An administrator's name is 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a"
              + " letter or digit.");
    }
  }
}
