package io.ekms.ekm.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretBytes;
import io.ekms.ekm.backend.software.MasterKey;
import io.ekms.ekm.store.MetaRepository;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Passphrase keystores, through {@link KeystoreOpener}: length rule, stored salt and count. */
class PassphraseKeyTest extends KeystoreFixture {
  @Test
  void open_passphraseUnder12Characters_throwsMisconfiguration() {
    String euros = "\u20ac".repeat(4);
    String keys = "\ud83d\udd11".repeat(6);
    for (String tooShort : new String[] {"elevenchars", euros, keys}) {
      assertThatThrownBy(() -> openWith(tooShort))
          .as("%s", tooShort)
          .isInstanceOf(Misconfiguration.class)
          .hasMessageContaining("at least 12 characters");
    }
    assertThat(meta("kdf_salt")).isEmpty();
  }

  @Test
  void open_12NonAsciiCharacters_isAccepted() {
    try (SecretBytes key = openWith("\u20ac".repeat(12))) {
      assertThat(key.length()).isEqualTo(MasterKey.BYTES);
    }
  }

  @Test
  void open_passphraseVariableUnset_throwsMisconfiguration() {
    assertThatThrownBy(() -> KeystoreOpener.open(passphrase(), db, Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining(VARIABLE);
  }

  @Test
  void open_twice_storesSaltAndCountOnceAndDerivesSameKey() {
    byte[] first;
    try (SecretBytes key = openWith(PASSPHRASE)) {
      first = key.copy();
    }
    String salt = meta("kdf_salt").orElseThrow();
    restart();

    try (SecretBytes again = openWith(PASSPHRASE)) {
      assertThat(again.contentEquals(first)).isTrue();
    }
    assertThat(Base64.getDecoder().decode(salt)).hasSize(16);
    assertThat(meta("kdf_salt")).contains(salt);
    assertThat(meta("kdf_iterations")).contains(Integer.toString(FAST));
  }

  /** Raising the default count must not lock out keystores made with the old one. */
  @Test
  void open_higherDefaultCountLater_keepsStoredCount() {
    byte[] first;
    try (SecretBytes key = openWith(PASSPHRASE)) {
      first = key.copy();
    }

    try (SecretBytes later =
        KeystoreOpener.open(passphrase(), db, Map.of(VARIABLE, PASSPHRASE), FAST * 2)) {
      assertThat(later.contentEquals(first)).isTrue();
    }
  }

  @Test
  void open_newKeystoreWithDefaults_storesDefaultCount() {
    KeystoreOpener.open(passphrase(), db, Map.of(VARIABLE, PASSPHRASE)).close();

    assertThat(meta("kdf_iterations")).contains(Integer.toString(MasterKey.PBKDF2_ITERATIONS));
  }

  @Test
  void open_saltStoredWithoutCount_usesLegacyCount() {
    byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.US_ASCII);
    String encoded = Base64.getEncoder().encodeToString(salt);
    db.inTransaction(
        c -> {
          new MetaRepository().insert(c, "kdf_salt", encoded);
          return null;
        });

    try (SecretBytes key = openWith(PASSPHRASE);
        SecretBytes fast =
            MasterKey.fromPassphrase(
                SecretBytes.copyOf(PASSPHRASE.getBytes(StandardCharsets.UTF_8)), salt, FAST)) {
      assertThat(key.contentEquals(fast.copy())).isFalse();
    }
    assertThat(meta("kdf_iterations")).contains(Integer.toString(PassphraseKey.LEGACY_ITERATIONS));
  }

  @Test
  void open_storedCountDamaged_throwsMisconfiguration() {
    db.inTransaction(
        c -> {
          new MetaRepository().insert(c, "kdf_iterations", "many");
          return null;
        });

    assertThatThrownBy(() -> openWith(PASSPHRASE))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining("kdf_iterations");
  }
}
