package io.ekms.kms.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ekms.core.crypto.Randoms;
import io.ekms.core.error.ApiException;
import io.ekms.core.error.ErrorBody;
import io.ekms.kms.ciphertext.KmsCiphertext;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.Permission;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.service.TargetedCalls.Call;
import io.ekms.kms.service.TargetedCalls.Targets;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two tenancies, each with a user holding MANAGE in its own compartment only, and the real grants
 * deciding. Every service method aimed at the other tenancy's resources is refused exactly as when
 * aimed at ids that name nothing (404 NotAuthorizedOrNotFound, one message), and the other
 * tenancy's EKM is never asked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossTenancyServiceTest {
  private static final String MESSAGE = "Authorization failed or requested resource not found.";
  private final ServiceBed bed = new ServiceBed();
  private final String bobsCompartment = "ocid1.compartment.oc1.." + Randoms.hex(16);
  private String bob;
  private Targets alices;

  @BeforeAll
  void twoTenancies() {
    PrincipalAdmin admin = new PrincipalAdmin(bed.db, bed.audit, bed.clock);
    Caller root = bed.callerAs("admin");
    String alice = admin.createUser(root, "ocid1.tenancy.oc1.." + Randoms.hex(16), "alice").id();
    admin.grant(root, alice, bed.compartment, Permission.MANAGE);
    bob = admin.createUser(root, "ocid1.tenancy.oc1.." + Randoms.hex(16), "bob").id();
    admin.grant(root, bob, bobsCompartment, Permission.MANAGE);
    bed.principal = alice;
    bed.access.backWith(new GrantAccess(bed.db));
  }

  /** Alice's endpoint, vault, key and its version, and a ciphertext it made: fresh each time. */
  @BeforeEach
  void alicesResources() {
    bed.reset();
    ServiceBed.MadeKey made = bed.key();
    Key key = made.key();
    byte[] sealed =
        bed.crypto
            .encrypt(
                bed.caller(),
                key.vaultId(),
                key.id(),
                null,
                "alice's".getBytes(StandardCharsets.UTF_8),
                null)
            .ciphertext();
    alices =
        new Targets(
            bed.compartment,
            bobsCompartment,
            made.vault().endpoint().id(),
            key.vaultId(),
            key.id(),
            key.currentVersionId(),
            KmsCiphertext.parse(sealed));
  }

  @AfterAll
  void close() {
    bed.close();
  }

  static Stream<Call> calls() {
    return TargetedCalls.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void call_otherTenancysResources_isRefusedAsMissingOnesAreWithoutAskingTheEkm(Call call) {
    int asked = bed.ekm.totalCalls();
    int connections = bed.ekm.calls("connect");

    Answer foreign = refusal(call, alices);

    assertThat(foreign).isEqualTo(new Answer(404, "NotAuthorizedOrNotFound", MESSAGE));
    for (Targets missing : alices.eachMissing()) {
      assertThat(refusal(call, missing)).as("with " + missing).isEqualTo(foreign);
    }
    assertThat(bed.ekm.totalCalls()).as("EKM calls").isEqualTo(asked);
    assertThat(bed.ekm.calls("connect")).as("EKM connections").isEqualTo(connections);
  }

  @Test
  void ownCompartment_otherTenancysUser_mayManageIt() {
    Caller asBob = bed.callerAs(bob);
    PrivateEndpoint p =
        bed.endpoints.create(
            asBob,
            new PrivateEndpointService.Create(
                bobsCompartment,
                "bob's",
                null,
                ServiceBed.HOST,
                ServiceBed.PORT,
                ServiceBed.CA_PEM));

    assertThat(bed.endpoints.get(asBob, p.id()).compartmentId()).isEqualTo(bobsCompartment);
    assertThat(bed.endpoints.list(asBob, bobsCompartment, io.ekms.kms.domain.Page.of(null, 10)))
        .extracting(PrivateEndpoint::id)
        .containsExactly(p.id());
  }

  /**
   * The table cannot miss an operation: it names every public service method taking a caller, but
   * for the audit itself, authorization, and the admin's services (behind the admin token, not a
   * tenancy's grants).
   */
  @Test
  void targetedCalls_nameEveryServiceMethodThatTakesACaller() throws Exception {
    List<String> methods = new ArrayList<>();
    for (Class<?> type : serviceClasses()) {
      for (Method m : type.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers())
            && m.getParameterCount() > 0
            && m.getParameterTypes()[0] == Caller.class
            && !type.isInterface()
            && type != KmsAudit.class
            && !Access.class.isAssignableFrom(type)
            && type != PrincipalAdmin.class
            && type != AuditAdmin.class) {
          methods.add(type.getSimpleName() + "." + m.getName());
        }
      }
    }

    assertThat(methods).contains("KeyService.create", "CryptoService.encrypt");
    assertThat(TargetedCalls.all().map(Call::method)).containsExactlyInAnyOrderElementsOf(methods);
  }

  /** What a refusal answers: status, code and message, the whole of the error body. */
  private record Answer(int status, String code, String message) {}

  private Answer refusal(Call call, Targets targets) {
    ApiException e =
        catchThrowableOfType(
            ApiException.class, () -> call.action().run(bed, targets, bed.callerAs(bob)));
    assertThat(e).as(call + " with " + targets + " must be refused").isNotNull();
    ErrorBody body = e.body();
    return new Answer(e.status(), body.code(), body.message());
  }

  /** The public top-level classes compiled into the service package. */
  private static List<Class<?>> serviceClasses()
      throws IOException, URISyntaxException, ClassNotFoundException {
    String pkg = Caller.class.getPackageName();
    Path dir = Path.of(Caller.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.resolve(pkg.replace('.', '/')))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (name.endsWith(".class") && !name.contains("$")) {
          Class<?> type = Class.forName(pkg + "." + name.substring(0, name.length() - 6));
          if (Modifier.isPublic(type.getModifiers())) {
            out.add(type);
          }
        }
      }
    }
    return Collections.unmodifiableList(out);
  }
}
