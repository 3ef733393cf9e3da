package io.ekms.kms.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.error.ApiException;
import io.ekms.kms.auth.KeyId;
import io.ekms.kms.auth.Principal;
import io.ekms.kms.auth.PublicKeys;
import io.ekms.kms.auth.PublicKeysTest;
import io.ekms.kms.auth.TestKeys;
import io.ekms.kms.domain.ApiKey;
import io.ekms.kms.domain.Ocids;
import io.ekms.kms.domain.User;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * Users and keys through {@link PrincipalAdmin} and {@link DatabaseKeyDirectory}, on the database
 * of {@link #openDatabase()}. One database per class; each test works in a tenancy of its own.
 * Grants and {@link GrantAccess} are in {@link GrantStoreContract}.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class PrincipalStoreContract {
  static final Instant NOW = Instant.parse("2025-03-04T05:06:07.123Z");

  /** The admin calling; its records are not what these tests look at. */
  static final Caller ADMIN = new Caller("admin", "req-admin", Map.of());

  Database db;
  AuditLog log;
  PrincipalAdmin admin;
  DatabaseKeyDirectory directory;
  String tenancy;

  /** A new, empty database with the {@code db/kms} and {@code db/audit} migrations applied. */
  abstract Database openDatabase();

  @BeforeAll
  void open() {
    db = openDatabase();
    log = new AuditLog(db);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    admin = new PrincipalAdmin(db, new KmsAudit(log, clock), clock);
    directory = new DatabaseKeyDirectory(db);
  }

  @AfterAll
  void close() {
    log.close();
    db.close();
  }

  @BeforeEach
  void newTenancy() {
    tenancy = "ocid1.tenancy.oc1.." + Randoms.hex(16);
  }

  @Test
  void createUser_valid_storesUserWithUserOcid() {
    User user = admin.createUser(ADMIN, tenancy, "alice");

    assertThat(Ocids.isUser(user.id())).isTrue();
    assertThat(user.id()).startsWith("ocid1.user.oc1..");
    assertThat(admin.getUser(ADMIN, user.id()))
        .isEqualTo(new User(user.id(), tenancy, "alice", NOW));
  }

  @Test
  void createUser_sameNameInSameTenancy_isConflict() {
    admin.createUser(ADMIN, tenancy, "alice");

    assertError(() -> admin.createUser(ADMIN, tenancy, "alice"), KmsError.CONFLICT);
  }

  @Test
  void createUser_sameNameInOtherTenancy_succeeds() {
    admin.createUser(ADMIN, tenancy, "alice");

    assertThat(admin.createUser(ADMIN, "ocid1.tenancy.oc1.." + Randoms.hex(16), "alice").name())
        .isEqualTo("alice");
  }

  @Test
  void createUser_badTenancyOrName_isInvalidParameter() {
    assertError(
        () -> admin.createUser(ADMIN, "ocid1.user.oc1..abc", "x"), KmsError.INVALID_PARAMETER);
    assertError(() -> admin.createUser(ADMIN, tenancy, " "), KmsError.INVALID_PARAMETER);
    assertError(() -> admin.createUser(ADMIN, tenancy, "a\nb"), KmsError.INVALID_PARAMETER);
    assertError(
        () -> admin.createUser(ADMIN, tenancy, "x".repeat(101)), KmsError.INVALID_PARAMETER);
  }

  @Test
  void listUsers_tenancy_onlyItsUsersByName() {
    admin.createUser(ADMIN, tenancy, "bob");
    admin.createUser(ADMIN, tenancy, "alice");
    admin.createUser(ADMIN, "ocid1.tenancy.oc1.." + Randoms.hex(16), "carol");

    assertThat(admin.listUsers(ADMIN, tenancy))
        .extracting(User::name)
        .containsExactly("alice", "bob");
  }

  @Test
  void getUser_unknown_isNotFound() {
    assertError(() -> admin.getUser(ADMIN, Ocids.newUser()), KmsError.NOT_AUTHORIZED_OR_NOT_FOUND);
  }

  @Test
  void addKey_opensslPem_storesFingerprintAndCanonicalPem() {
    User user = admin.createUser(ADMIN, tenancy, "alice");
    String crlf = PublicKeysTest.OPENSSL_PEM.replace("\n", "\r\n");

    ApiKey key = admin.addKey(ADMIN, user.id(), crlf);

    assertThat(key.fingerprint()).isEqualTo(PublicKeysTest.OPENSSL_FINGERPRINT);
    assertThat(admin.listKeys(ADMIN, user.id()))
        .containsExactly(
            new ApiKey(
                user.id(), PublicKeysTest.OPENSSL_FINGERPRINT, PublicKeysTest.OPENSSL_PEM, NOW));
  }

  @Test
  void addKey_sameKeyTwiceForOneUser_isConflict() {
    User user = admin.createUser(ADMIN, tenancy, "alice");
    admin.addKey(ADMIN, user.id(), PublicKeysTest.OPENSSL_PEM);

    assertError(
        () -> admin.addKey(ADMIN, user.id(), PublicKeysTest.OPENSSL_PEM), KmsError.CONFLICT);
  }

  @Test
  void addKey_sameKeyForTwoUsers_eachHasIt() {
    User alice = admin.createUser(ADMIN, tenancy, "alice");
    User bob = admin.createUser(ADMIN, tenancy, "bob");

    admin.addKey(ADMIN, alice.id(), PublicKeysTest.OPENSSL_PEM);
    admin.addKey(ADMIN, bob.id(), PublicKeysTest.OPENSSL_PEM);

    assertThat(admin.listKeys(ADMIN, bob.id())).hasSize(1);
  }

  @Test
  void addKey_unknownUserOrBadPem_isRefused() {
    User user = admin.createUser(ADMIN, tenancy, "alice");

    assertError(
        () -> admin.addKey(ADMIN, Ocids.newUser(), PublicKeysTest.OPENSSL_PEM),
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND);
    assertError(() -> admin.addKey(ADMIN, user.id(), "garbage"), KmsError.INVALID_PARAMETER);
    assertError(() -> admin.addKey(ADMIN, user.id(), null), KmsError.INVALID_PARAMETER);
  }

  @Test
  void listKeys_severalKeys_answersAll() {
    User user = admin.createUser(ADMIN, tenancy, "alice");
    admin.addKey(ADMIN, user.id(), PublicKeysTest.OPENSSL_PEM);
    admin.addKey(ADMIN, user.id(), PublicKeys.toPem(TestKeys.ALICE.getPublic()));

    assertThat(admin.listKeys(ADMIN, user.id()))
        .extracting(ApiKey::fingerprint)
        .containsExactlyInAnyOrder(
            PublicKeysTest.OPENSSL_FINGERPRINT, PublicKeys.fingerprint(TestKeys.ALICE.getPublic()));
  }

  @Test
  void removeKey_registered_directoryNoLongerFindsIt() {
    User user = admin.createUser(ADMIN, tenancy, "alice");
    ApiKey key = admin.addKey(ADMIN, user.id(), PublicKeysTest.OPENSSL_PEM);
    KeyId keyId = new KeyId(tenancy, user.id(), key.fingerprint());
    assertThat(directory.find(keyId)).isPresent();

    admin.removeKey(ADMIN, user.id(), key.fingerprint());

    assertThat(directory.find(keyId)).isEmpty();
    assertThat(admin.listKeys(ADMIN, user.id())).isEmpty();
  }

  @Test
  void removeKey_unknown_isNotFound() {
    User user = admin.createUser(ADMIN, tenancy, "alice");

    assertError(
        () -> admin.removeKey(ADMIN, user.id(), PublicKeysTest.OPENSSL_FINGERPRINT),
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND);
  }

  @Test
  void find_registeredKey_answersPrincipalAndReusesParsedKey() {
    User user = admin.createUser(ADMIN, tenancy, "alice");
    ApiKey key = admin.addKey(ADMIN, user.id(), PublicKeysTest.OPENSSL_PEM);
    KeyId keyId = new KeyId(tenancy, user.id(), key.fingerprint());

    var first = directory.find(keyId).orElseThrow();
    var second = directory.find(keyId).orElseThrow();

    assertThat(first.principal()).isEqualTo(new Principal(tenancy, user.id(), key.fingerprint()));
    assertThat(second.publicKey()).isSameAs(first.publicKey());
  }

  @Test
  void find_keyIdNamingOtherTenancy_isEmpty() {
    User user = admin.createUser(ADMIN, tenancy, "alice");
    ApiKey key = admin.addKey(ADMIN, user.id(), PublicKeysTest.OPENSSL_PEM);
    String other = "ocid1.tenancy.oc1.." + Randoms.hex(16);

    assertThat(directory.find(new KeyId(other, user.id(), key.fingerprint()))).isEmpty();
  }

  static void assertError(ThrowingCallable call, KmsError code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
  }
}
