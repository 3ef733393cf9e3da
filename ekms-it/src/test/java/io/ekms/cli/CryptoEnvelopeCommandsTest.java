package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.it.TenantWorld;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ekms crypto ...} and {@code ekms envelope ...} against the real identity, EKM and KMS on
 * loopback, with every connection setting and id taken from a quickstart.json.
 */
class CryptoEnvelopeCommandsTest {
  @TempDir static Path dir;
  static TenantWorld world;
  static Path quickstart;

  @BeforeAll
  static void start() throws Exception {
    world = new TenantWorld();
    quickstart = CliRun.quickstart(world, dir);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void encryptDecrypt_withContext_roundTrips() {
    JsonNode encrypted =
        CliRun.with(
                quickstart,
                "crypto",
                "encrypt",
                "--plaintext",
                b64("card 4111"),
                "--context",
                "order=42",
                "--context",
                "shop=eu")
            .json();
    assertThat(encrypted.path("keyId").asText()).isEqualTo(world.key.id());
    JsonNode decrypted =
        CliRun.with(
                quickstart,
                "crypto",
                "decrypt",
                "--ciphertext",
                encrypted.path("ciphertext").asText(),
                "--context",
                "shop=eu",
                "--context",
                "order=42")
            .json();
    assertThat(decrypted.path("plaintext").asText()).isEqualTo(b64("card 4111"));
    assertThat(decrypted.path("keyVersionId").asText())
        .isEqualTo(encrypted.path("keyVersionId").asText());
  }

  @Test
  void decrypt_wrongContext_exits3WithOneSentence() {
    String ciphertext =
        CliRun.with(quickstart, "crypto", "encrypt", "--plaintext", b64("x"), "--context", "a=1")
            .json()
            .path("ciphertext")
            .asText();
    CliRun run =
        CliRun.with(
            quickstart, "crypto", "decrypt", "--ciphertext", ciphertext, "--context", "a=2");
    assertThat(run.code()).isEqualTo(ErrorHandler.REMOTE);
    assertThat(run.err()).startsWith("ekms: the KMS refused the request (400 InvalidParameter");
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void encrypt_plaintextFromFile_decryptsToTheSameBytes() throws Exception {
    Path file = Files.write(dir.resolve("small.bin"), new byte[] {0, 1, 2, (byte) 255});
    String ciphertext =
        CliRun.with(quickstart, "crypto", "encrypt", "--plaintext-file", file.toString())
            .json()
            .path("ciphertext")
            .asText();
    String plaintext =
        CliRun.with(quickstart, "crypto", "decrypt", "--ciphertext", ciphertext)
            .json()
            .path("plaintext")
            .asText();
    assertThat(Base64.getDecoder().decode(plaintext)).isEqualTo(Files.readAllBytes(file));
  }

  @Test
  void encrypt_plaintextFromStdin_decryptsToTheSameBytes() {
    java.io.InputStream original = System.in;
    JsonNode encrypted;
    try {
      System.setIn(
          new java.io.ByteArrayInputStream("from a pipe".getBytes(StandardCharsets.UTF_8)));
      encrypted = CliRun.with(quickstart, "crypto", "encrypt").json();
    } finally {
      System.setIn(original);
    }
    assertThat(
            CliRun.with(
                    quickstart,
                    "crypto",
                    "decrypt",
                    "--ciphertext",
                    encrypted.path("ciphertext").asText())
                .json()
                .path("plaintext")
                .asText())
        .isEqualTo(b64("from a pipe"));
  }

  @Test
  void encrypt_badBase64_exits2NamingTheOption() {
    CliRun run = CliRun.with(quickstart, "crypto", "encrypt", "--plaintext", "not base64!");
    assertThat(run.code()).isEqualTo(ErrorHandler.CONFIG);
    assertThat(run.err())
        .isEqualTo("ekms: --plaintext is not valid Base64; pass standard Base64\n");
  }

  @Test
  void generateDek_withPlaintext_unwrapsToTheSameKey() {
    JsonNode dek =
        CliRun.with(
                quickstart,
                "crypto",
                "generate-dek",
                "--include-plaintext-key",
                "--context",
                "use=dek")
            .json();
    assertThat(Base64.getDecoder().decode(dek.path("plaintext").asText())).hasSize(32);
    JsonNode unwrapped =
        CliRun.with(
                quickstart,
                "crypto",
                "decrypt",
                "--ciphertext",
                dek.path("ciphertext").asText(),
                "--context",
                "use=dek")
            .json();
    assertThat(unwrapped.path("plaintext").asText()).isEqualTo(dek.path("plaintext").asText());
    assertThat(CliRun.with(quickstart, "crypto", "generate-dek").json().has("plaintext")).isFalse();
  }

  @Test
  void envelope_fileRoundTripWithContext_restoresTheBytes() throws Exception {
    byte[] data = new byte[3 * 256 * 1024 + 17];
    new Random(7).nextBytes(data);
    Path plain = Files.write(dir.resolve("report.bin"), data);
    Path sealed = dir.resolve("report.bin.ekms");
    Path restored = dir.resolve("report.restored");
    JsonNode encrypted =
        CliRun.with(
                quickstart,
                "envelope",
                "encrypt",
                "--in",
                plain.toString(),
                "--out",
                sealed.toString(),
                "--context",
                "dept=finance")
            .json();
    assertThat(encrypted.path("bytes").asLong()).isEqualTo(data.length);
    JsonNode decrypted =
        CliRun.with(
                quickstart,
                "envelope",
                "decrypt",
                "--in",
                sealed.toString(),
                "--out",
                restored.toString(),
                "--context",
                "dept=finance")
            .json();
    assertThat(Files.readAllBytes(restored)).isEqualTo(data);
    assertThat(decrypted.path("keyId").asText()).isEqualTo(world.key.id());
    assertThat(decrypted.path("context").path("dept").asText()).isEqualTo("finance");
  }

  @Test
  void envelopeDecrypt_wrongContext_exits5AndLeavesNoOutputFile() throws Exception {
    Path plain = Files.writeString(dir.resolve("memo.txt"), "quarterly numbers");
    Path sealed = dir.resolve("memo.ekms");
    CliRun.with(
            quickstart,
            "envelope",
            "encrypt",
            "--in",
            plain.toString(),
            "--out",
            sealed.toString(),
            "--context",
            "dept=finance")
        .json();
    Path target = dir.resolve("memo.out");
    CliRun run =
        CliRun.with(
            quickstart,
            "envelope",
            "decrypt",
            "--in",
            sealed.toString(),
            "--out",
            target.toString(),
            "--context",
            "dept=sales");
    assertThat(run.code()).isEqualTo(ErrorHandler.NOT_AUTHENTIC);
    assertThat(run.err())
        .isEqualTo(
            "ekms: cannot decrypt "
                + sealed
                + ": the envelope's encryption context does not match: entry 'dept' is different;"
                + " pass the --context it was encrypted with\n");
    assertThat(run.out()).isEmpty();
    assertThat(target).doesNotExist();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }

  @Test
  void envelopeDecrypt_tamperedFile_exits5AndLeavesNoOutputFile() throws Exception {
    byte[] data = new byte[100_000];
    new Random(9).nextBytes(data);
    Path plain = Files.write(dir.resolve("t.bin"), data);
    Path sealed = dir.resolve("t.ekms");
    CliRun.with(
            quickstart, "envelope", "encrypt", "--in", plain.toString(), "--out", sealed.toString())
        .json();
    byte[] bytes = Files.readAllBytes(sealed);
    bytes[bytes.length - 100] ^= 1;
    Files.write(sealed, bytes);
    Path target = dir.resolve("t.out");
    CliRun run =
        CliRun.with(
            quickstart,
            "envelope",
            "decrypt",
            "--in",
            sealed.toString(),
            "--out",
            target.toString());
    assertThat(run.code()).isEqualTo(ErrorHandler.NOT_AUTHENTIC);
    assertThat(run.err()).startsWith("ekms: cannot decrypt " + sealed + ": the envelope failed");
    assertThat(target).doesNotExist();
  }
}
