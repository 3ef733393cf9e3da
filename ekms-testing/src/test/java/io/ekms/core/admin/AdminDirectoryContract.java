package io.ekms.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.db.Database;
import io.ekms.core.http.AdminCredential;
import io.ekms.testing.MutableClock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every store of {@link AdminDirectory} must do: tokens only as hashes, the bootstrap token
 * spent once on the first security officer, removal effective at once, the last officer kept.
 */
abstract class AdminDirectoryContract {
  private final MutableClock clock = new MutableClock(Instant.parse("2031-02-03T04:05:06Z"));
  private final Database db = open();
  private final AdminDirectory directory = new AdminDirectory(db, clock, AdminErrors.plain());

  protected abstract Database open();

  @AfterEach
  void close() {
    db.close();
  }

  private String bootstrap() {
    return db.inTransaction(AdminDirectory::newBootstrap);
  }

  private AdminDirectory.Issued officer(String name) {
    return directory.create(
        directory.authenticate("Bearer " + bootstrap()), name, Set.of(AdminRole.SECURITY_OFFICER));
  }

  @Test
  void authenticate_bootstrapToken_isTheBootstrapCaller() {
    String token = bootstrap();

    assertThat(token).startsWith(AdminDirectory.BOOTSTRAP_PREFIX);
    assertThat(directory.authenticate("Bearer " + token).bootstrap()).isTrue();
    assertThat(directory.initialized()).isTrue();
  }

  @Test
  void create_byBootstrap_retiresItAndTheNewTokenNamesTheOfficer() {
    String token = bootstrap();
    AdminDirectory.Issued alice =
        directory.create(
            directory.authenticate("Bearer " + token), "alice", Set.of(AdminRole.SECURITY_OFFICER));

    assertThat(directory.authenticate("Bearer " + alice.token()).name()).isEqualTo("alice");
    assertThat(alice.administrator().createdBy()).isEqualTo("admin-bootstrap");
    assertThat(alice.toString()).doesNotContain(alice.token());
    assertThatThrownBy(() -> directory.authenticate("Bearer " + token))
        .hasMessageContaining("bootstrap token was retired");
  }

  @Test
  void create_byBootstrapWithoutOfficerRole_isRefusedAndKeepsTheBootstrap() {
    String token = bootstrap();
    Administrator boot = directory.authenticate("Bearer " + token);

    assertThatThrownBy(() -> directory.create(boot, "bob", Set.of(AdminRole.KEY_CUSTODIAN)))
        .hasMessageContaining("only create the first security officer");
    assertThat(directory.authenticate("Bearer " + token).bootstrap()).isTrue();
  }

  @Test
  void create_twoRacesOnOneBootstrap_exactlyOneOfficer() throws Exception {
    Administrator boot = directory.authenticate("Bearer " + bootstrap());
    CountDownLatch go = new CountDownLatch(1);
    var first = race(go, boot, "alice");
    var second = race(go, boot, "bob");
    go.countDown();

    int created = (first.get() ? 1 : 0) + (second.get() ? 1 : 0);

    assertThat(created).isEqualTo(1);
    assertThat(directory.list()).hasSize(1);
  }

  private CompletableFuture<Boolean> race(CountDownLatch go, Administrator boot, String name) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            go.await();
            directory.create(boot, name, Set.of(AdminRole.SECURITY_OFFICER));
            return true;
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          } catch (RuntimeException e) {
            return false;
          }
        });
  }

  @Test
  void create_sameNameTwice_isAConflict() {
    Administrator alice = officer("alice").administrator();

    assertThatThrownBy(() -> directory.create(alice, "alice", Set.of(AdminRole.AUDITOR)))
        .hasMessageContaining("exists already");
  }

  @Test
  void create_badNameOrNoRole_isRefused() {
    Administrator alice = officer("alice").administrator();

    assertThatThrownBy(() -> directory.create(alice, "Bad Name", Set.of(AdminRole.AUDITOR)))
        .hasMessageContaining("1 to 64 of a-z");
    assertThatThrownBy(() -> directory.create(alice, "carol", Set.of()))
        .hasMessageContaining("at least one role");
  }

  @Test
  void remove_administrator_itsTokenStopsAtOnce() {
    Administrator alice = officer("alice").administrator();
    AdminDirectory.Issued bob = directory.create(alice, "bob", EnumSet.of(AdminRole.AUDITOR));

    directory.remove(alice, "bob");

    assertThatThrownBy(() -> directory.authenticate("Bearer " + bob.token()))
        .hasMessageContaining("valid admin token");
  }

  @Test
  void remove_lastOfficer_isRefused() {
    Administrator alice = officer("alice").administrator();

    assertThatThrownBy(() -> directory.remove(alice, "alice"))
        .hasMessageContaining("last security officer");
    assertThat(directory.list()).extracting(Administrator::name).containsExactly("alice");
  }

  @Test
  void rotateToken_oldTokenStopsNewOneWorks() {
    AdminDirectory.Issued alice = officer("alice");

    AdminDirectory.Issued rotated = directory.rotateToken("alice");

    assertThat(directory.authenticate("Bearer " + rotated.token()).name()).isEqualTo("alice");
    assertThatThrownBy(() -> directory.authenticate("Bearer " + alice.token()))
        .hasMessageContaining("valid admin token");
  }

  @Test
  void store_keepsOnlyHashes() {
    AdminDirectory.Issued alice = officer("alice");

    String stored =
        db.withConnection(
            c -> {
              try (var ps = c.prepareStatement("SELECT token_sha256 FROM administrators");
                  var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
              }
            });
    assertThat(stored).isEqualTo(AdminCredential.hash(alice.token()));
  }

  @Test
  void authenticate_malformedHeaders_areRefused() {
    officer("alice");

    for (String header : new String[] {null, "", "Basic x", "Bearer " + "a".repeat(600)}) {
      assertThatThrownBy(() -> directory.authenticate(header))
          .hasMessageContaining("valid admin token");
    }
  }

  @Test
  void adoptLegacyToken_onlyWhileNobodyIsEnrolled() {
    String legacy = AdminCredential.newToken();
    db.inTransaction(
        c -> {
          AdminDirectory.adoptLegacyToken(c, AdminCredential.hash(legacy));
          return null;
        });
    AdminDirectory.Issued alice =
        directory.create(
            directory.authenticate("Bearer " + legacy),
            "alice",
            Set.of(AdminRole.SECURITY_OFFICER));
    db.inTransaction(
        c -> {
          AdminDirectory.adoptLegacyToken(c, AdminCredential.hash(legacy));
          return null;
        });

    assertThat(alice.administrator().name()).isEqualTo("alice");
    assertThatThrownBy(() -> directory.authenticate("Bearer " + legacy))
        .hasMessageContaining("valid admin token");
  }
}
