package io.ekms.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.it.TenantWorld;
import io.ekms.sdk.envelope.Envelope;
import io.ekms.sdk.envelope.EnvelopeFiles;
import io.ekms.sdk.envelope.EnvelopeInfo;
import io.ekms.sdk.envelope.InvalidEnvelopeException;
import io.ekms.sdk.envelope.KeyReference;
import io.ekms.sdk.envelope.KmsDataKeys;
import io.ekms.sdk.model.Key;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Envelope encryption of files through the real KMS, EKM and identity servers. */
class EnvelopeEndToEndTest {
  static final Map<String, String> CONTEXT = Map.of("department", "finance", "file", "q3.csv");
  static TenantWorld w;
  static EnvelopeFiles files;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    w = new TenantWorld();
    files = new EnvelopeFiles(new Envelope(new KmsDataKeys(w.kms)));
  }

  Path plaintextFile(int size) throws Exception {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return Files.write(dir.resolve("plain.bin"), data);
  }

  @Test
  void file_encryptedWithContext_decryptsWithoutNamingTheKey() throws Exception {
    Path plain = plaintextFile(3 * Envelope.DEFAULT_FRAME_SIZE + 123);
    KeyReference key = new KeyReference(w.vault.id(), w.key.id());
    files.encrypt(key, CONTEXT, plain, dir.resolve("q3.ekms"));
    KmsClient fresh = w.client(w.ociConfig);
    EnvelopeInfo info =
        new EnvelopeFiles(new Envelope(new KmsDataKeys(fresh)))
            .decrypt(dir.resolve("q3.ekms"), dir.resolve("q3.out"));
    assertThat(Files.mismatch(plain, dir.resolve("q3.out"))).isEqualTo(-1);
    assertThat(info).isEqualTo(new EnvelopeInfo(key, CONTEXT, Files.size(plain)));
    assertThat(Files.readAllBytes(dir.resolve("q3.ekms")))
        .as("the context is in the header, in the clear")
        .containsSequence("finance".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void file_contextChangedInHeader_failsAsInvalidEnvelopeAndWritesNothing() throws Exception {
    Path plain = plaintextFile(1000);
    files.encrypt(new KeyReference(w.vault.id(), w.key.id()), CONTEXT, plain, dir.resolve("e"));
    byte[] message = Files.readAllBytes(dir.resolve("e"));
    String text = new String(message, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("finance");
    message[at] = 'F';
    Files.write(dir.resolve("tampered"), message);
    assertThatThrownBy(() -> files.decrypt(dir.resolve("tampered"), dir.resolve("out")))
        .isInstanceOf(InvalidEnvelopeException.class);
    assertThat(dir.resolve("out")).doesNotExist();
    try (var list = Files.list(dir)) {
      assertThat(list.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }

  @Test
  void file_keyDisabledInTheEkm_failsAsKmsExceptionNotAsTampering() throws Exception {
    String ekmKey = w.newEkmKey("to-disable");
    Key key = w.newKey("to-disable", ekmKey);
    Path plain = plaintextFile(10);
    files.encrypt(new KeyReference(w.vault.id(), key.id()), Map.of(), plain, dir.resolve("e"));
    w.ekmKeyAction(ekmKey, "disable");
    assertThatThrownBy(() -> files.decrypt(dir.resolve("e"), dir.resolve("out")))
        .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.status()).isEqualTo(409));
    w.ekmKeyAction(ekmKey, "enable");
    files.decrypt(dir.resolve("e"), dir.resolve("out"));
    assertThat(Files.mismatch(plain, dir.resolve("out"))).isEqualTo(-1);
  }
}
