package io.ekms.ekm.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The backup file format: what opens, and that every change or cut of the bytes is refused. */
class BackupFileTest {
  private static final byte[] PAYLOAD =
      "the payload, with a secret: s3cr3t".getBytes(StandardCharsets.UTF_8);
  private final BackupKey key = BackupKey.generate();

  @AfterEach
  void close() {
    key.close();
  }

  private static BackupManifest manifest() {
    return new BackupManifest(
            1,
            "2025-01-01T00:00:00Z",
            "node-1",
            "0.1.0",
            "file",
            null,
            null,
            "keyFile",
            null,
            null,
            null)
        .withPayload(Map.of("ekm_vaults", 2), BackupFile.sha256(PAYLOAD));
  }

  private byte[] file() {
    return BackupFile.seal(manifest(), key, PAYLOAD);
  }

  private BackupRefusedException refusal(byte[] file, BackupKey with) {
    try {
      BackupFile.open(file, with);
    } catch (BackupRefusedException e) {
      return e;
    }
    throw new AssertionError("not refused");
  }

  @Test
  void open_rightKey_answersPayloadAndManifest() {
    BackupFile.Opened opened = BackupFile.open(file(), key);
    assertThat(opened.payload()).isEqualTo(PAYLOAD);
    assertThat(opened.header().keyId()).isEqualTo(key.id());
    assertThat(opened.header().manifest()).isEqualTo(manifest());
  }

  @Test
  void inspect_noKey_readsTheManifest() {
    BackupFile.Header header = BackupFile.inspect(file());
    assertThat(header.formatVersion()).isEqualTo(1);
    assertThat(header.manifest().counts()).containsEntry("ekm_vaults", 2);
    assertThat(header.keyId()).isEqualTo(key.id());
  }

  @Test
  void seal_payload_isNotInTheFileInTheClear() {
    assertThat(new String(file(), StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t");
  }

  @Test
  void open_anyByteFlipped_refused() {
    byte[] good = file();
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x01;
      BackupRefusedException e = refusal(bad, key);
      assertThat(e.notAuthentic()).as("byte %d", i).isTrue();
      assertThat(e.getMessage()).as("byte %d", i).endsWith(".").doesNotContain("s3cr3t");
    }
  }

  @Test
  void open_payloadByteFlipped_refusedAsTampered() {
    byte[] bad = file();
    bad[bad.length - 20] ^= 0x40;
    assertThat(refusal(bad, key).getMessage())
        .isEqualTo("the backup file failed authentication: it was damaged or tampered with.");
  }

  @Test
  void open_manifestChangedButStillJson_refusedAsTampered() {
    byte[] good = file();
    String text = new String(good, StandardCharsets.ISO_8859_1).replace("node-1", "node-2");
    byte[] bad = text.getBytes(StandardCharsets.ISO_8859_1);
    assertThat(BackupFile.inspect(bad).manifest().node()).isEqualTo("node-2");
    assertThat(refusal(bad, key).getMessage()).startsWith("the backup file failed authentication");
  }

  @Test
  void open_truncatedAnywhere_refused() {
    byte[] good = file();
    for (int length = 0; length < good.length; length++) {
      assertThat(refusal(Arrays.copyOf(good, length), key).getMessage())
          .as("length %d", length)
          .isEqualTo(
              "this is not a complete ekms backup file (truncated, damaged or not a backup).");
    }
  }

  @Test
  void open_byteAppended_refused() {
    byte[] good = file();
    assertThat(refusal(Arrays.copyOf(good, good.length + 1), key).notAuthentic()).isTrue();
  }

  @Test
  void open_wrongKey_refusedNamingBothKeyIds() {
    try (BackupKey other = BackupKey.generate()) {
      assertThat(refusal(file(), other).getMessage())
          .isEqualTo(
              "this backup is sealed under backup key "
                  + key.id()
                  + ", not under the key given ("
                  + other.id()
                  + ").");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MAX_VALUE, -1, 65_537, 1})
  void inspect_absurdManifestLength_refusedBeforeAllocating(int length) {
    byte[] bad = file();
    ByteBuffer.wrap(bad).putInt(30, length);
    assertThatThrownBy(() -> BackupFile.inspect(bad))
        .isInstanceOf(BackupRefusedException.class)
        .hasMessageStartingWith("this is not a complete ekms backup file");
  }

  @Test
  void inspect_absurdPayloadLength_refused() {
    byte[] good = file();
    int at = 34 + ByteBuffer.wrap(good).getInt(30);
    for (long length : new long[] {Long.MAX_VALUE, -1L, 15L, (256L << 20) + 17}) {
      byte[] bad = good.clone();
      ByteBuffer.wrap(bad).putLong(at, length);
      assertThatThrownBy(() -> BackupFile.inspect(bad)).isInstanceOf(BackupRefusedException.class);
    }
  }

  @Test
  void inspect_otherFormatVersion_refusedSayingSo() {
    byte[] bad = file();
    ByteBuffer.wrap(bad).putShort(8, (short) 2);
    assertThatThrownBy(() -> BackupFile.inspect(bad))
        .hasMessage("this backup has format version 2, which this ekms cannot read.");
  }
}
