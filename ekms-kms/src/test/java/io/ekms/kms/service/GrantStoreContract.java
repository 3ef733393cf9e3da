package io.ekms.kms.service;

import static io.ekms.kms.service.PrincipalStoreContract.ADMIN;
import static io.ekms.kms.service.PrincipalStoreContract.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.error.ApiException;
import io.ekms.kms.domain.Grant;
import io.ekms.kms.domain.Ocids;
import io.ekms.kms.domain.Permission;
import io.ekms.kms.domain.User;
import io.ekms.kms.service.Access.Need;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Grants through {@link PrincipalAdmin} and decisions of {@link GrantAccess}. */
@TestInstance(Lifecycle.PER_CLASS)
abstract class GrantStoreContract {
  Database db;
  AuditLog log;
  PrincipalAdmin admin;
  GrantAccess access;
  User user;
  Caller principal;
  String compartment;

  /** A new, empty database with the {@code db/kms} and {@code db/audit} migrations applied. */
  abstract Database openDatabase();

  @BeforeAll
  void open() {
    db = openDatabase();
    log = new AuditLog(db);
    Clock clock = Clock.fixed(PrincipalStoreContract.NOW, ZoneOffset.UTC);
    admin = new PrincipalAdmin(db, new KmsAudit(log, clock), clock);
    access = new GrantAccess(db);
  }

  @AfterAll
  void close() {
    log.close();
    db.close();
  }

  @BeforeEach
  void newUser() {
    user = admin.createUser(ADMIN, "ocid1.tenancy.oc1.." + Randoms.hex(16), "user");
    principal = new Caller(user.id(), "req-" + Randoms.hex(8), Map.of());
    compartment = "ocid1.compartment.oc1.." + Randoms.hex(16);
  }

  @ParameterizedTest
  @CsvSource({
    "READ, READ, true",
    "READ, USE, false",
    "READ, MANAGE, false",
    "USE, READ, true",
    "USE, USE, true",
    "USE, MANAGE, false",
    "MANAGE, READ, true",
    "MANAGE, USE, true",
    "MANAGE, MANAGE, true",
  })
  void require_grantedPermission_passesWhenItIncludesTheNeed(
      Permission granted, Need needed, boolean allowed) {
    admin.grant(ADMIN, user.id(), compartment, granted);

    if (allowed) {
      assertThatCode(() -> access.require(principal, compartment, needed))
          .doesNotThrowAnyException();
    } else {
      assertNotAuthorizedOrNotFound(() -> access.require(principal, compartment, needed));
    }
  }

  @Test
  void require_noGrant_isNotAuthorizedOrNotFound() {
    assertNotAuthorizedOrNotFound(() -> access.require(principal, compartment, Need.READ));
  }

  @Test
  void require_grantOnOtherCompartment_isNotAuthorizedOrNotFound() {
    admin.grant(ADMIN, user.id(), compartment, Permission.MANAGE);
    String other = "ocid1.compartment.oc1.." + Randoms.hex(16);

    assertNotAuthorizedOrNotFound(() -> access.require(principal, other, Need.READ));
  }

  @Test
  void require_grantOnTenancy_coversTenancyOnlyNotItsCompartments() {
    admin.grant(ADMIN, user.id(), user.tenancyId(), Permission.MANAGE);

    assertThatCode(() -> access.require(principal, user.tenancyId(), Need.MANAGE))
        .doesNotThrowAnyException();
    assertNotAuthorizedOrNotFound(() -> access.require(principal, compartment, Need.READ));
  }

  @Test
  void require_malformedCompartment_isNotAuthorizedOrNotFound() {
    assertNotAuthorizedOrNotFound(() -> access.require(principal, null, Need.READ));
    assertNotAuthorizedOrNotFound(() -> access.require(principal, "x' OR '1'='1", Need.READ));
  }

  @Test
  void grant_again_replacesEarlierPermission() {
    admin.grant(ADMIN, user.id(), compartment, Permission.MANAGE);

    admin.grant(ADMIN, user.id(), compartment, Permission.READ);

    assertNotAuthorizedOrNotFound(() -> access.require(principal, compartment, Need.USE));
    assertThat(admin.listGrants(ADMIN, user.id()))
        .extracting(Grant::permission)
        .containsExactly(Permission.READ);
  }

  @Test
  void revoke_granted_refusesNextRequest() {
    admin.grant(ADMIN, user.id(), compartment, Permission.USE);
    access.require(principal, compartment, Need.USE);

    admin.revoke(ADMIN, user.id(), compartment);

    assertNotAuthorizedOrNotFound(() -> access.require(principal, compartment, Need.READ));
    assertThat(admin.listGrants(ADMIN, user.id())).isEmpty();
  }

  @Test
  void revoke_notGranted_isNotFound() {
    assertError(
        () -> admin.revoke(ADMIN, user.id(), compartment), KmsError.NOT_AUTHORIZED_OR_NOT_FOUND);
  }

  @Test
  void grant_badInput_isRefused() {
    assertError(
        () -> admin.grant(ADMIN, Ocids.newUser(), compartment, Permission.READ),
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND);
    assertError(
        () -> admin.grant(ADMIN, user.id(), "ocid1.vault.oc1..abc", Permission.READ),
        KmsError.INVALID_PARAMETER);
    assertError(() -> admin.grant(ADMIN, user.id(), compartment, null), KmsError.INVALID_PARAMETER);
  }

  @Test
  void grant_concurrentOnOneCompartment_allSucceedAndOneRemains() throws Exception {
    List<Future<Grant>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 32; i++) {
        Permission p = Permission.values()[i % 3];
        results.add(pool.submit(() -> admin.grant(ADMIN, user.id(), compartment, p)));
      }
    }
    for (Future<Grant> f : results) {
      assertThat(f.get().compartmentId()).isEqualTo(compartment);
    }
    assertThat(admin.listGrants(ADMIN, user.id())).hasSize(1);
  }

  static void assertNotAuthorizedOrNotFound(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable c) {
    assertThatThrownBy(c)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.body().code()).isEqualTo("NotAuthorizedOrNotFound");
              assertThat(e.getMessage()).isEqualTo(KmsError.NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE);
            });
  }
}
