package io.ekms.ekm.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretBytes;
import io.ekms.common.secret.SecretFiles;
import io.ekms.core.crypto.AesGcm;
import io.ekms.ekm.backend.GcmOutput;
import io.ekms.ekm.backend.KeyBackend;
import io.ekms.ekm.backend.software.MasterKey;
import io.ekms.ekm.backend.software.SoftwareKeyBackend;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.KeyHandle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Opening the software keystore's master key and proving it is this keystore's; passphrase rules
 * are in {@link PassphraseKeyTest}.
 */
class KeystoreOpenerTest extends KeystoreFixture {
  @Test
  void open_keyFileFirstThenAgain_returnsFileKeyAndStoresCheckOnce() throws IOException {
    Path file = dir.resolve("master.key");
    MasterKey.createFile(file);

    try (SecretBytes first = KeystoreOpener.open(keyFile(file), db, Map.of())) {
      assertThat(first.contentEquals(Files.readAllBytes(file))).isTrue();
    }
    String check = meta("master_check").orElseThrow();
    try (SecretBytes again = KeystoreOpener.open(keyFile(file), db, Map.of())) {
      assertThat(again.contentEquals(Files.readAllBytes(file))).isTrue();
    }
    assertThat(meta("master_check")).contains(check);
  }

  @Test
  void open_otherKeyFileThanFirstStart_throwsMisconfiguration() throws IOException {
    Path right = dir.resolve("right.key");
    Path wrong = dir.resolve("wrong.key");
    MasterKey.createFile(right);
    MasterKey.createFile(wrong);
    KeystoreOpener.open(keyFile(right), db, Map.of()).close();

    assertThatThrownBy(() -> KeystoreOpener.open(keyFile(wrong), db, Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining(WRONG_KEY);
  }

  @Test
  void open_missingOrDamagedKeyFile_throwsMisconfiguration() throws IOException {
    Path missing = dir.resolve("missing.key");
    Path shortFile = SecretFiles.write(dir.resolve("short.key"), new byte[16]);

    assertThatThrownBy(() -> KeystoreOpener.open(keyFile(missing), db, Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining("cannot read the master key file");
    assertThatThrownBy(() -> KeystoreOpener.open(keyFile(shortFile), db, Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining("exactly 32 bytes");
  }

  @Test
  void open_passphraseAfterRestart_storesSaltOnceAndStillDecrypts() throws Exception {
    String versionId = Ids.newKeyVersion();
    byte[] plaintext = "sealed before the restart".getBytes(StandardCharsets.UTF_8);
    KeyHandle handle;
    GcmOutput out;
    try (KeyBackend before = new SoftwareKeyBackend(openWith(PASSPHRASE))) {
      handle = before.generate(versionId, 256);
      out = before.encrypt(handle, versionId, AesGcm.newIv(), plaintext, null);
    }
    String salt = meta("kdf_salt").orElseThrow();
    restart();

    try (KeyBackend after = new SoftwareKeyBackend(openWith(PASSPHRASE))) {
      assertThat(after.decrypt(handle, versionId, out.iv(), out.ciphertext(), out.tag(), null))
          .isEqualTo(plaintext);
    }
    assertThat(meta("kdf_salt")).contains(salt);
  }

  /** Two nodes starting for the first time on one database agree on one salt and check value. */
  @Test
  void open_twoConcurrentFirstStarts_deriveTheSameKey() throws Exception {
    CyclicBarrier together = new CyclicBarrier(2);
    Callable<byte[]> start =
        () -> {
          together.await(30, TimeUnit.SECONDS);
          try (SecretBytes key = openWith(PASSPHRASE)) {
            return key.copy();
          }
        };
    try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
      Future<byte[]> one = nodes.submit(start);
      Future<byte[]> two = nodes.submit(start);

      assertThat(one.get(60, TimeUnit.SECONDS)).isEqualTo(two.get(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void open_otherPassphraseThanFirstStart_throwsMisconfiguration() {
    openWith(PASSPHRASE).close();

    assertThatThrownBy(() -> openWith("correct horse battery stable"))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining(WRONG_KEY);
  }
}
