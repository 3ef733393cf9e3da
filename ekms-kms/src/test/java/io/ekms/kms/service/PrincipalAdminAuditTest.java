package io.ekms.kms.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.audit.AuditRecord;
import io.ekms.core.crypto.Randoms;
import io.ekms.kms.auth.PublicKeys;
import io.ekms.kms.auth.PublicKeysTest;
import io.ekms.kms.auth.TestKeys;
import io.ekms.kms.domain.Ocids;
import io.ekms.kms.domain.Permission;
import io.ekms.kms.domain.User;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every principal administration call leaves exactly one audit record, as the admin's. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrincipalAdminAuditTest {
  private final ServiceBed bed = new ServiceBed();
  private final PrincipalAdmin admin = new PrincipalAdmin(bed.db, bed.audit, bed.clock);
  private final String tenancy = "ocid1.tenancy.oc1.." + Randoms.hex(16);
  private final String compartment = "ocid1.compartment.oc1.." + Randoms.hex(16);

  @AfterAll
  void close() {
    bed.close();
  }

  /** A user with a key and a grant, for the calls that need one. */
  private User user() {
    Caller setUp = bed.callerAs("admin");
    User user = admin.createUser(setUp, tenancy, "user-" + Randoms.hex(6));
    admin.addKey(setUp, user.id(), PublicKeysTest.OPENSSL_PEM);
    admin.grant(setUp, user.id(), compartment, Permission.READ);
    return user;
  }

  Stream<Arguments> calls() {
    return Stream.of(
        call("CreateUser", c -> admin.createUser(c, tenancy, "new-" + Randoms.hex(6))),
        call("GetUser", c -> admin.getUser(c, user().id())),
        call("ListUsers", c -> admin.listUsers(c, tenancy)),
        call(
            "AddApiKey",
            c -> admin.addKey(c, user().id(), PublicKeys.toPem(TestKeys.ALICE.getPublic()))),
        call("ListApiKeys", c -> admin.listKeys(c, user().id())),
        call(
            "RemoveApiKey",
            c -> admin.removeKey(c, user().id(), PublicKeysTest.OPENSSL_FINGERPRINT)),
        call("Grant", c -> admin.grant(c, user().id(), compartment, Permission.USE)),
        call("ListGrants", c -> admin.listGrants(c, user().id())),
        call("Revoke", c -> admin.revoke(c, user().id(), compartment)));
  }

  private static Arguments call(String operation, Consumer<Caller> action) {
    return Arguments.of(operation, action);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void call_succeeds_oneOkRecordAsTheAdmin(String operation, Consumer<Caller> action) {
    Caller caller = bed.callerAs("admin");

    action.accept(caller);

    assertThat(bed.audited(caller.requestId()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.operation()).isEqualTo(operation);
              assertThat(r.caller()).isEqualTo("admin");
              assertThat(r.result()).isEqualTo("OK");
            });
  }

  @Test
  void call_refused_oneRecordWithTheCodeAnswered() {
    Caller unknown = bed.callerAs("admin");
    Caller duplicate = bed.callerAs("admin");
    User user = user();

    assertThatThrownBy(() -> admin.getUser(unknown, Ocids.newUser()));
    assertThatThrownBy(() -> admin.createUser(duplicate, tenancy, user.name()));

    assertThat(bed.audited(unknown.requestId()))
        .extracting(AuditRecord::result)
        .containsExactly("NotAuthorizedOrNotFound");
    assertThat(bed.audited(duplicate.requestId()))
        .extracting(AuditRecord::result)
        .containsExactly("Conflict");
  }
}
