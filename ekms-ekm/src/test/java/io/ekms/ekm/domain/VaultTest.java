package io.ekms.ekm.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class VaultTest {
  private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);

  private static Vault vault(String name, String clientId) {
    return new Vault("vlt-1", name, "iss-1", clientId, VaultState.ACTIVE, T0, T0);
  }

  @Test
  void constructor_validValues_keepsThem() {
    Vault vault = vault("Payments EU", "kms-client@tenant.example");

    assertThat(vault.name()).isEqualTo("Payments EU");
    assertThat(vault.clientId()).isEqualTo("kms-client@tenant.example");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "bell\u0007", "quote\"d", "x\ny"})
  void constructor_badNameOrClientId_throwsIllegalArgument(String bad) {
    assertThatThrownBy(() -> vault(bad, "client"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("name must be");
    assertThatThrownBy(() -> vault("vault", bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("clientId must be");
  }

  @Test
  void constructor_missingIdIssuerOrState_throwsNullPointer() {
    assertThatThrownBy(() -> new Vault(null, "v", "i", "c", VaultState.ACTIVE, T0, T0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Vault("id", "v", null, "c", VaultState.ACTIVE, T0, T0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Vault("id", "v", "i", "c", null, T0, T0))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void withState_blocked_changesOnlyStateAndUpdatedAt() {
    Instant later = T0.plusSeconds(5);

    Vault blocked = vault("v", "c").withState(VaultState.BLOCKED, later);

    assertThat(blocked)
        .isEqualTo(new Vault("vlt-1", "v", "iss-1", "c", VaultState.BLOCKED, T0, later));
  }
}
