package io.ekms.ekm.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.admin.AdminAccess;
import io.ekms.core.admin.AdminDirectory;
import io.ekms.core.admin.FirstAdministrator;
import io.ekms.core.audit.AuditEntry;
import io.ekms.core.audit.AuditLog;
import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.http.AdminCredential;
import io.ekms.ekm.http.EkmRoles;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.testing.MutableClock;
import io.ekms.testing.TempDirs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Console sessions on a real H2 store with a clock the test moves: the admin token opens one, the
 * database keeps only the cookie's hash, idleness and age end it, the CSRF token belongs to it.
 */
class ConsoleSessionsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2030-05-01T09:00:00Z"));
  private final Database db =
      Database.open(
          DatabaseConfig.h2File(TempDirs.create("console-sessions-"), "ekm"),
          Map.of(),
          "db/ekm",
          "db/audit",
          "db/admins");
  private final String token =
      FirstAdministrator.initialize(db, clock, FirstAdministrator.allRoles("alice"));
  private final AuditLog log = new AuditLog(db);
  private final ConsoleSessions sessions = node();

  /** Sessions as one EKM node serves them; every node reads the same database. */
  private ConsoleSessions node() {
    return new ConsoleSessions(
        db,
        new AdminAccess(
            new AdminDirectory(db, clock, EkmRoles.ERRORS), EkmRoles.TABLE, EkmRoles.ERRORS),
        new AuditTrail(log, clock),
        clock,
        Duration.ofMinutes(15),
        Duration.ofHours(8));
  }

  @AfterEach
  void close() {
    log.close();
    db.close();
  }

  private ConsoleSessions.Opened open() {
    return sessions.login(token, "login-" + System.nanoTime()).orElseThrow();
  }

  @Test
  void login_wrongToken_opensNothing() {
    assertThat(sessions.login(AdminCredential.newToken(), "r1")).isEmpty();
    assertThat(sessions.login(null, "r2")).isEmpty();
    assertThat(sessions.login("", "r3")).isEmpty();
  }

  @Test
  void login_adminToken_storesOnlyTheCookiesHashAndAuditsTheSession() throws Exception {
    ConsoleSessions.Opened opened = open();

    List<String> stored =
        db.withConnection(
            c -> {
              try (var ps = c.prepareStatement("SELECT id_sha256 FROM ekm_console_sessions");
                  var rs = ps.executeQuery()) {
                List<String> ids = new java.util.ArrayList<>();
                while (rs.next()) {
                  ids.add(rs.getString(1));
                }
                return ids;
              }
            });
    String hash =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(opened.cookie().getBytes(StandardCharsets.US_ASCII)));
    assertThat(stored).containsExactly(hash).doesNotContain(opened.cookie());
    AuditEntry login = log.read(0, 10, null).getLast();
    assertThat(login.record().operation()).isEqualTo("ConsoleLogin");
    assertThat(login.record().details())
        .containsEntry(ConsoleSession.AUDIT_DETAIL, opened.session().handle());
    assertThat(opened.toString()).doesNotContain(opened.cookie());
    assertThat(opened.session().toString()).doesNotContain(opened.session().csrf());
  }

  @Test
  void resume_usedWithinIdleTimeout_keepsTheSessionAlive() {
    ConsoleSessions.Opened opened = open();
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofMinutes(14));
      assertThat(sessions.resume(opened.cookie())).contains(opened.session());
    }
  }

  @Test
  void resume_idleLongerThanTimeout_endsTheSession() {
    ConsoleSessions.Opened opened = open();
    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    assertThat(sessions.resume(opened.cookie())).isEmpty();
    clock.advance(Duration.ofSeconds(-30));
    assertThat(sessions.resume(opened.cookie())).as("deleted, not only refused").isEmpty();
  }

  @Test
  void resume_olderThanMaxAgeThoughUsed_endsTheSession() {
    ConsoleSessions.Opened opened = open();
    for (int i = 0; i < 34; i++) {
      clock.advance(Duration.ofMinutes(14));
      assertThat(sessions.resume(opened.cookie())).as("after %d minutes", 14 * (i + 1)).isPresent();
    }
    clock.advance(Duration.ofMinutes(14));
    assertThat(sessions.resume(opened.cookie())).isEmpty();
  }

  @Test
  void resume_unknownOrOverlongCookie_empty() {
    open();
    assertThat(sessions.resume("x".repeat(43))).isEmpty();
    assertThat(sessions.resume("x".repeat(10_000))).isEmpty();
    assertThat(sessions.resume(null)).isEmpty();
  }

  @Test
  void csrfMatches_ownTokenOthersTokenAndNone_onlyOwnMatches() {
    ConsoleSession mine = open().session();
    ConsoleSession other = open().session();
    assertThat(ConsoleSessions.csrfMatches(mine, mine.csrf())).isTrue();
    assertThat(ConsoleSessions.csrfMatches(mine, other.csrf())).isFalse();
    assertThat(ConsoleSessions.csrfMatches(mine, null)).isFalse();
    assertThat(ConsoleSessions.csrfMatches(mine, "")).isFalse();
  }

  @Test
  void logout_openSession_endsItOnEveryNode() {
    ConsoleSessions.Opened opened = open();
    ConsoleSessions otherNode = node();
    assertThat(otherNode.resume(opened.cookie())).contains(opened.session());

    sessions.logout(opened.session(), opened.cookie(), "logout-1");

    assertThat(otherNode.resume(opened.cookie())).isEmpty();
  }
}
