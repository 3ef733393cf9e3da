package io.ekms.ekm.console;

import io.ekms.core.admin.AdminAccess;
import io.ekms.core.admin.Administrator;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.error.ApiException;
import io.ekms.core.http.AdminCredential;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.store.ConsoleSessionRepository;
import io.ekms.ekm.store.ConsoleSessionRepository.Row;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Console sessions, kept in the EKM's database so that every node honours them. A session is 256
 * random bits handed to the browser once, as a cookie; the database keeps only its SHA-256. It ends
 * when idle for {@code idleTimeout}, after {@code maxAge} in any case, or at logout. The CSRF token
 * is an HMAC of the cookie, so it needs no storage and dies with the session.
 */
public final class ConsoleSessions {
  private static final int SECRET_BYTES = 32;
  private static final int MAX_COOKIE_CHARS = 64;
  private final Database db;
  private final AdminAccess access;
  private final AuditTrail audit;
  private final Clock clock;
  private final Duration idleTimeout;
  private final Duration maxAge;
  private final ConsoleSessionRepository repo = new ConsoleSessionRepository();

  public ConsoleSessions(
      Database db,
      AdminAccess access,
      AuditTrail audit,
      Clock clock,
      Duration idleTimeout,
      Duration maxAge) {
    this.db = db;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
    this.idleTimeout = idleTimeout;
    this.maxAge = maxAge;
  }

  /** A new session's cookie value and the session it opens. */
  public record Opened(String cookie, ConsoleSession session) {
    @Override
    public String toString() {
      return "Opened[" + session + "]";
    }
  }

  /** How long a session lives at most, used or not. */
  public Duration maxAge() {
    return maxAge;
  }

  /** The roles of the administrators behind the sessions. */
  public AdminAccess access() {
    return access;
  }

  /**
   * Opens a session when {@code adminToken} is a named administrator's token (looked up by its
   * hash); the bootstrap token cannot sign in.
   */
  public Optional<Opened> login(String adminToken, String requestId) {
    Administrator admin = named(adminToken);
    if (admin == null) {
      return Optional.empty();
    }
    String cookie =
        Base64.getUrlEncoder().withoutPadding().encodeToString(Randoms.bytes(SECRET_BYTES));
    String id = AdminCredential.hash(cookie);
    Instant now = clock.instant();
    ConsoleSession session = session(admin, id, cookie);
    return Optional.of(
        audit.run(
            session
                .context(requestId)
                .withDetails(java.util.Map.of(ConsoleSession.AUDIT_DETAIL, session.handle())),
            "ConsoleLogin",
            new AuditTrail.Target(null, null, null),
            null,
            () -> {
              db.inTransaction(
                  c -> {
                    repo.deleteExpired(c, now.minus(idleTimeout), now.minus(maxAge));
                    repo.insert(c, new Row(id, admin.id(), now, now));
                    return null;
                  });
              return new Opened(cookie, session);
            }));
  }

  /** The named administrator {@code token} is, or null (the bootstrap token signs nobody in). */
  private Administrator named(String token) {
    if (token == null) {
      return null;
    }
    try {
      Administrator admin = access.directory().authenticate("Bearer " + token.strip());
      return admin.bootstrap() ? null : admin;
    } catch (ApiException e) {
      return null;
    }
  }

  /** The live session {@code cookie} opens, its idle clock restarted; empty when none. */
  public Optional<ConsoleSession> resume(String cookie) {
    if (cookie == null || cookie.isEmpty() || cookie.length() > MAX_COOKIE_CHARS) {
      return Optional.empty();
    }
    String id = AdminCredential.hash(cookie);
    Instant now = clock.instant();
    return db.inTransaction(
        c -> {
          Optional<Row> row = repo.find(c, id);
          if (row.isEmpty()) {
            return Optional.empty();
          }
          Row r = row.get();
          if (now.isAfter(r.lastSeenAt().plus(idleTimeout))
              || now.isAfter(r.createdAt().plus(maxAge))) {
            repo.delete(c, id);
            return Optional.empty();
          }
          Optional<Administrator> admin = access.directory().find(r.administrator());
          if (admin.isEmpty()) {
            repo.delete(c, id);
            return Optional.empty();
          }
          repo.touch(c, id, now);
          return Optional.of(session(admin.get(), id, cookie));
        });
  }

  /** Ends the session {@code cookie} opens, if any. */
  public void logout(ConsoleSession session, String cookie, String requestId) {
    audit.run(
        session.context(requestId),
        "ConsoleLogout",
        new AuditTrail.Target(null, null, null),
        null,
        () -> db.inTransaction(c -> repo.delete(c, AdminCredential.hash(cookie))));
  }

  /** True when {@code presented} is the session's CSRF token (constant time). */
  public static boolean csrfMatches(ConsoleSession session, String presented) {
    return presented != null
        && presented.length() <= MAX_COOKIE_CHARS
        && MessageDigest.isEqual(
            session.csrf().getBytes(StandardCharsets.US_ASCII),
            presented.getBytes(StandardCharsets.US_ASCII));
  }

  private static ConsoleSession session(Administrator admin, String id, String cookie) {
    return new ConsoleSession(admin, id.substring(0, 12), csrf(cookie));
  }

  private static String csrf(String cookie) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(cookie.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      byte[] tag = mac.doFinal("ekms-console-csrf".getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
