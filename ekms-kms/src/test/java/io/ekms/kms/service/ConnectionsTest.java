package io.ekms.kms.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.external.ExternalVault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One connection per vault, opened with the vault's own sealed secret; answers never cached. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionsTest {
  private final ServiceBed bed = new ServiceBed();

  @AfterAll
  void close() {
    bed.close();
  }

  @Test
  void forVault_twice_connectsOnceButAsksTheEkmEachTime() {
    ServiceBed.Made made = bed.vault();
    int connects = bed.ekm.calls("connect");
    int asked = bed.ekm.calls("vault");

    ExternalVault first = bed.connections.forVault(made.vault(), made.endpoint());
    ExternalVault second = bed.connections.forVault(made.vault(), made.endpoint());
    first.vault("r1");
    second.vault("r2");

    assertThat(second).isSameAs(first);
    assertThat(bed.ekm.calls("connect")).isEqualTo(connects + 1);
    assertThat(bed.ekm.calls("vault")).isEqualTo(asked + 2);
  }

  @Test
  void forget_thenForVault_connectsAgain() {
    ServiceBed.Made made = bed.vault();
    ExternalVault first = bed.connections.forVault(made.vault(), made.endpoint());

    bed.connections.forget(made.vault().id());

    assertThat(bed.connections.forVault(made.vault(), made.endpoint())).isNotSameAs(first);
  }

  @Test
  void forVault_moreVaultsThanTheBound_keepsAtMostTheBound() {
    Connections bounded = new Connections(bed.ekm, bed.sealer, 3);

    for (int i = 0; i < 10; i++) {
      ServiceBed.Made made = bed.vault();
      bounded.forVault(made.vault(), made.endpoint()).vault("r" + i);
      assertThat(bounded.size()).isLessThanOrEqualTo(3);
    }
  }

  @Test
  void open_sealedSecretOfAnotherVault_cannotBeUsed() {
    ServiceBed.Made a = bed.vault();
    ServiceBed.Made b = bed.vault();
    Vault v = a.vault();
    Vault stolen =
        new Vault(
            v.id(),
            v.compartmentId(),
            v.displayName(),
            v.state(),
            v.externalVaultEndpointUrl(),
            v.privateEndpointId(),
            v.idcsAccountNameUrl(),
            v.clientAppId(),
            b.vault().sealedSecret(),
            v.vendor(),
            v.timeCreated(),
            v.timeUpdated(),
            null);
    PrivateEndpoint p = a.endpoint();

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> bed.connections.open(stolen, p).vault("r"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not open");
  }
}
