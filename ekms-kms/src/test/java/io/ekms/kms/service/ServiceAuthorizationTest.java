package io.ekms.kms.service;

import static io.ekms.kms.service.Refusals.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.kms.service.Access.Need;
import io.ekms.kms.service.RecordingAccess.Asked;
import io.ekms.kms.service.ServiceCalls.Call;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service operation asks {@link Access} for what it needs (READ to read, USE for crypto,
 * MANAGE to change), and a denial is 404 before anything is done or the EKM is asked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceAuthorizationTest {
  private final ServiceBed bed = new ServiceBed();

  @BeforeEach
  void reset() {
    bed.reset();
  }

  @AfterAll
  void close() {
    bed.close();
  }

  static java.util.stream.Stream<Call> calls() {
    return ServiceCalls.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void call_allowed_asksExactlyItsNeedsInTheResourcesCompartment(Call call) {
    Consumer<Caller> action = call.prepare().apply(bed);
    bed.access.reset();

    action.accept(bed.caller());

    assertThat(bed.access.needs()).isEqualTo(call.needs());
    assertThat(bed.access.asked()).extracting(Asked::compartmentId).containsOnly(bed.compartment);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void call_anyNeedDenied_isNotFoundWithoutAskingTheEkm(Call call) {
    for (Need need : call.needs()) {
      bed.access.reset();
      Consumer<Caller> action = call.prepare().apply(bed);
      bed.access.reset();
      bed.access.deny(need);
      int asked = bed.ekm.totalCalls();

      assertApiError(
          () -> action.accept(bed.caller()),
          KmsError.NOT_AUTHORIZED_OR_NOT_FOUND,
          KmsError.NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE);

      assertThat(bed.ekm.totalCalls()).as("EKM calls after denying " + need).isEqualTo(asked);
    }
  }
}
