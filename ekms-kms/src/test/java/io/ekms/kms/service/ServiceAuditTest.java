package io.ekms.kms.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.audit.AuditRecord;
import io.ekms.kms.domain.Key;
import io.ekms.kms.service.ServiceCalls.Call;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every service call leaves exactly one audit record, success or failure, and never a secret. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceAuditTest {
  private final ServiceBed bed = new ServiceBed();

  @BeforeEach
  void reset() {
    bed.reset();
  }

  @AfterAll
  void close() {
    bed.close();
  }

  static Stream<Call> calls() {
    return ServiceCalls.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void call_succeeds_oneOkRecordWithOperationPrincipalAndContext(Call call) {
    Consumer<Caller> action = call.prepare().apply(bed);
    Caller caller = bed.caller().withLoggingContext(Map.of("ticket", "T-42"));

    action.accept(caller);

    assertThat(bed.audited(caller.requestId()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.operation()).isEqualTo(call.operation());
              assertThat(r.caller()).isEqualTo(ServiceBed.PRINCIPAL);
              assertThat(r.result()).isEqualTo("OK");
              assertThat(r.time()).isEqualTo(bed.clock.instant());
              assertThat(r.details()).containsEntry("loggingContext.ticket", "T-42");
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void call_denied_oneRecordWithTheErrorCode(Call call) {
    Consumer<Caller> action = call.prepare().apply(bed);
    bed.access.denyAll();
    Caller caller = bed.caller();

    assertThatThrownBy(() -> action.accept(caller));

    assertThat(bed.audited(caller.requestId()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.operation()).isEqualTo(call.operation());
              assertThat(r.result()).isEqualTo("NotAuthorizedOrNotFound");
            });
  }

  @Test
  void crypto_records_nameTheKeyAndVersionAndEkmFailures() {
    Key k = bed.key().key();
    Caller ok = bed.caller();
    bed.crypto.encrypt(ok, k.vaultId(), k.id(), null, ServiceCalls.PLAINTEXT, null);
    bed.ekm.unreachable(true);
    Caller down = bed.caller();
    assertThatThrownBy(
        () -> bed.crypto.encrypt(down, k.vaultId(), k.id(), null, ServiceCalls.PLAINTEXT, null));

    AuditRecord r = bed.audited(ok.requestId()).getFirst();
    assertThat(List.of(r.vault(), r.key(), r.version()))
        .containsExactly(k.vaultId(), k.id(), k.currentVersionId());
    assertThat(bed.audited(down.requestId()).getFirst().result())
        .isEqualTo("ExternalServerIncorrectState");
  }

  /** The record holds the code the caller is answered, not the EKM client's category. */
  @Test
  void crypto_ekmRefusals_recordTheCodeTheCallerIsAnswered() {
    ServiceBed.MadeKey made = bed.key();
    Key k = made.key();
    byte[] sealed =
        bed.crypto
            .encrypt(bed.caller(), k.vaultId(), k.id(), null, ServiceCalls.PLAINTEXT, null)
            .ciphertext();
    byte[] tampered = sealed.clone();
    tampered[tampered.length - 1] ^= 0x01;
    Caller badCiphertext = bed.caller();
    assertThatThrownBy(
        () -> bed.crypto.decrypt(badCiphertext, k.vaultId(), k.id(), null, tampered, null));
    made.external().state = "DISABLED";
    Caller disabled = bed.caller();
    assertThatThrownBy(
        () ->
            bed.crypto.encrypt(disabled, k.vaultId(), k.id(), null, ServiceCalls.PLAINTEXT, null));

    assertThat(bed.audited(badCiphertext.requestId()).getFirst().result())
        .isEqualTo(KmsError.INVALID_PARAMETER.code());
    assertThat(bed.audited(disabled.requestId()).getFirst().result())
        .isEqualTo(KmsError.INCORRECT_STATE.code());
  }

  @Test
  void auditLog_afterEveryKindOfCall_holdsNoPlaintextOrDataKey() {
    List<String> secrets = new ArrayList<>(forms(ServiceCalls.PLAINTEXT));
    Key k = bed.key().key();
    Caller caller = bed.caller();
    byte[] ct =
        bed.crypto
            .encrypt(caller, k.vaultId(), k.id(), null, ServiceCalls.PLAINTEXT, Map.of("a", "b"))
            .ciphertext();
    bed.crypto.decrypt(caller, k.vaultId(), k.id(), null, ct, Map.of("a", "b")).plaintext().close();
    CryptoService.Generated g =
        bed.crypto.generateDataEncryptionKey(caller, k.vaultId(), k.id(), 32, null);
    secrets.addAll(forms(g.dek().copy()));
    ServiceCalls.all().forEach(call -> call.prepare().apply(bed).accept(bed.caller()));

    List<AuditRecord> all = bed.audited();
    assertThat(all).hasSizeGreaterThan(50);
    for (AuditRecord r : all) {
      assertThat(r.toString()).doesNotContain(secrets.toArray(new String[0]));
    }
    assertThat(bed.log.verify().ok()).isTrue();
  }

  private static List<String> forms(byte[] secret) {
    return List.of(
        new String(secret, java.nio.charset.StandardCharsets.ISO_8859_1),
        Base64.getEncoder().encodeToString(secret),
        Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
        HexFormat.of().formatHex(secret));
  }
}
