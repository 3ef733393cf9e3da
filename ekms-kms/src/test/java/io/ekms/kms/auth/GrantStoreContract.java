package io.ekms.kms.auth;

import static io.ekms.kms.auth.PrincipalStoreContract.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.error.ApiException;
import io.ekms.kms.domain.Ocids;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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

/** Grants through {@link PrincipalAdmin} and decisions of the {@link Authorizer}. */
@TestInstance(Lifecycle.PER_CLASS)
abstract class GrantStoreContract {
  Database db;
  PrincipalAdmin admin;
  Authorizer authorizer;
  User user;
  Principal principal;
  String compartment;

  /** A new, empty database with the {@code db/kms} migrations applied. */
  abstract Database openDatabase();

  @BeforeAll
  void open() {
    db = openDatabase();
    admin = new PrincipalAdmin(db, Clock.fixed(PrincipalStoreContract.NOW, ZoneOffset.UTC));
    authorizer = new Authorizer(db);
  }

  @AfterAll
  void close() {
    db.close();
  }

  @BeforeEach
  void newUser() {
    user = admin.createUser("ocid1.tenancy.oc1.." + Randoms.hex(16), "user");
    principal = new Principal(user.tenancyId(), user.id(), PublicKeysTest.OPENSSL_FINGERPRINT);
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
      Permission granted, Permission needed, boolean allowed) {
    admin.grant(user.id(), compartment, granted);

    if (allowed) {
      assertThatCode(() -> authorizer.require(principal, compartment, needed))
          .doesNotThrowAnyException();
    } else {
      assertNotAuthorizedOrNotFound(() -> authorizer.require(principal, compartment, needed));
    }
  }

  @Test
  void require_noGrant_isNotAuthorizedOrNotFound() {
    assertNotAuthorizedOrNotFound(
        () -> authorizer.require(principal, compartment, Permission.READ));
  }

  @Test
  void require_grantOnOtherCompartment_isNotAuthorizedOrNotFound() {
    admin.grant(user.id(), compartment, Permission.MANAGE);
    String other = "ocid1.compartment.oc1.." + Randoms.hex(16);

    assertNotAuthorizedOrNotFound(() -> authorizer.require(principal, other, Permission.READ));
  }

  @Test
  void require_grantOnTenancy_coversTenancyOnlyNotItsCompartments() {
    admin.grant(user.id(), user.tenancyId(), Permission.MANAGE);

    assertThatCode(() -> authorizer.require(principal, user.tenancyId(), Permission.MANAGE))
        .doesNotThrowAnyException();
    assertNotAuthorizedOrNotFound(
        () -> authorizer.require(principal, compartment, Permission.READ));
  }

  @Test
  void require_malformedCompartment_isNotAuthorizedOrNotFound() {
    assertNotAuthorizedOrNotFound(() -> authorizer.require(principal, null, Permission.READ));
    assertNotAuthorizedOrNotFound(
        () -> authorizer.require(principal, "x' OR '1'='1", Permission.READ));
  }

  @Test
  void grant_again_replacesEarlierPermission() {
    admin.grant(user.id(), compartment, Permission.MANAGE);

    admin.grant(user.id(), compartment, Permission.READ);

    assertNotAuthorizedOrNotFound(() -> authorizer.require(principal, compartment, Permission.USE));
    assertThat(admin.listGrants(user.id()))
        .extracting(Grant::permission)
        .containsExactly(Permission.READ);
  }

  @Test
  void revoke_granted_refusesNextRequest() {
    admin.grant(user.id(), compartment, Permission.USE);
    authorizer.require(principal, compartment, Permission.USE);

    admin.revoke(user.id(), compartment);

    assertNotAuthorizedOrNotFound(
        () -> authorizer.require(principal, compartment, Permission.READ));
    assertThat(admin.listGrants(user.id())).isEmpty();
  }

  @Test
  void revoke_notGranted_isNotFound() {
    assertError(() -> admin.revoke(user.id(), compartment), AuthError.NOT_AUTHORIZED_OR_NOT_FOUND);
  }

  @Test
  void grant_badInput_isRefused() {
    assertError(
        () -> admin.grant(Ocids.newUser(), compartment, Permission.READ),
        AuthError.NOT_AUTHORIZED_OR_NOT_FOUND);
    assertError(
        () -> admin.grant(user.id(), "ocid1.vault.oc1..abc", Permission.READ),
        AuthError.INVALID_PARAMETER);
    assertError(() -> admin.grant(user.id(), compartment, null), AuthError.INVALID_PARAMETER);
  }

  @Test
  void grant_concurrentOnOneCompartment_allSucceedAndOneRemains() throws Exception {
    List<Future<Grant>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 32; i++) {
        Permission p = Permission.values()[i % 3];
        results.add(pool.submit(() -> admin.grant(user.id(), compartment, p)));
      }
    }
    for (Future<Grant> f : results) {
      assertThat(f.get().compartmentId()).isEqualTo(compartment);
    }
    assertThat(admin.listGrants(user.id())).hasSize(1);
  }

  static void assertNotAuthorizedOrNotFound(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable c) {
    assertThatThrownBy(c)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.body().code()).isEqualTo("NotAuthorizedOrNotFound");
              assertThat(e.getMessage()).isEqualTo(AuthError.NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE);
            });
  }
}
