package io.ekms.cli;

import io.ekms.common.secret.Redacted;
import io.ekms.sdk.KmsClient;
import io.ekms.sdk.KmsCrypto;
import io.ekms.sdk.model.DecryptedData;
import io.ekms.sdk.model.GeneratedKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ekms crypto encrypt|decrypt|generate-dek}: the KMS's crypto API with one key; every call
 * is a live call to the EKM. Plaintexts and data keys are printed Base64 in the JSON answer, since
 * asking for them is the point of the verb; they appear nowhere else.
 */
@Command(
    name = "crypto",
    mixinStandardHelpOptions = true,
    description = "Encrypt, decrypt and generate data keys with a KMS key.",
    subcommands = {
      CryptoCommands.Encrypt.class,
      CryptoCommands.Decrypt.class,
      CryptoCommands.GenerateDek.class
    })
final class CryptoCommands {
  private CryptoCommands() {}

  /** Verbs with one key and an optional context (associated data). */
  abstract static class CryptoVerb extends KmsVerb {
    @Option(names = "--vault-id", description = "Default: the quickstart's.")
    String vaultId;

    @Option(names = "--key-id", description = "Default: the quickstart's.")
    String keyId;

    @Option(
        names = "--context",
        paramLabel = "KEY=VALUE",
        description = "Associated data; repeat for more entries. Decrypt needs the same.")
    Map<String, String> context = new LinkedHashMap<>();

    KmsCrypto crypto(KmsClient client) {
      return client.crypto(kms.vaultId(vaultId));
    }

    @Override
    List<Output.Column> columns() {
      return List.of(
          new Output.Column("KEY", "/keyId"),
          new Output.Column("VERSION", "/keyVersionId"),
          new Output.Column("CIPHERTEXT", "/ciphertext"));
    }
  }

  @Command(
      name = "encrypt",
      description = "Encrypt up to 4096 bytes (from a file, Base64 or stdin).")
  static final class Encrypt extends CryptoVerb {
    @Option(names = "--plaintext-file", paramLabel = "FILE")
    Path plaintextFile;

    @Option(names = "--plaintext", paramLabel = "BASE64")
    String plaintext;

    @Override
    Object run(KmsClient client) throws IOException {
      byte[] bytes = plaintext();
      try {
        return crypto(client).encrypt(kms.keyId(keyId), bytes, context);
      } finally {
        java.util.Arrays.fill(bytes, (byte) 0);
      }
    }

    private byte[] plaintext() throws IOException {
      if (plaintextFile != null && plaintext != null) {
        throw new IllegalArgumentException("pass --plaintext-file or --plaintext, not both");
      }
      byte[] bytes;
      if (plaintext != null) {
        bytes = Base64s.decode(plaintext, "--plaintext");
      } else if (plaintextFile != null) {
        if (!Files.isReadable(plaintextFile)) {
          throw new IllegalArgumentException(
              "cannot read --plaintext-file " + Paths.display(plaintextFile) + ": no such file");
        }
        bytes = Files.readAllBytes(plaintextFile);
      } else {
        InputStream in = System.in;
        bytes = in.readNBytes(KmsCrypto.MAX_PLAINTEXT + 1);
      }
      if (bytes.length == 0 || bytes.length > KmsCrypto.MAX_PLAINTEXT) {
        throw new IllegalArgumentException(
            "the plaintext must be 1 to 4096 bytes; use ekms envelope encrypt for files");
      }
      return bytes;
    }
  }

  /** What decrypt prints. */
  record Decrypted(String plaintext, String keyId, String keyVersionId) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  @Command(name = "decrypt", description = "Decrypt a KMS ciphertext (Base64, or stdin).")
  static final class Decrypt extends CryptoVerb {
    @Option(names = "--ciphertext", paramLabel = "BASE64")
    String ciphertext;

    @Override
    Object run(KmsClient client) throws IOException {
      String text =
          ciphertext != null
              ? ciphertext
              : new String(System.in.readNBytes(1 << 16), StandardCharsets.US_ASCII).strip();
      Base64s.decode(text, "--ciphertext");
      try (DecryptedData d = crypto(client).decrypt(kms.keyId(keyId), text, context)) {
        return new Decrypted(
            d.plaintext().reveal(Base64.getEncoder()::encodeToString), d.keyId(), d.keyVersionId());
      }
    }

    @Override
    List<Output.Column> columns() {
      return List.of(
          new Output.Column("KEY", "/keyId"),
          new Output.Column("VERSION", "/keyVersionId"),
          new Output.Column("PLAINTEXT", "/plaintext"));
    }
  }

  /** What generate-dek prints. */
  record Dek(String ciphertext, String plaintext) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  @Command(name = "generate-dek", description = "Generate an AES data key wrapped by the key.")
  static final class GenerateDek extends CryptoVerb {
    @Option(names = "--key-length", defaultValue = "32", description = "16, 24 or 32 bytes.")
    int length;

    @Option(names = "--include-plaintext-key", description = "Also print the key (Base64).")
    boolean includePlaintext;

    @Override
    Object run(KmsClient client) {
      try (GeneratedKey g =
          crypto(client)
              .generateDataEncryptionKey(kms.keyId(keyId), length, includePlaintext, context)) {
        String plain =
            g.plaintext() == null
                ? null
                : g.plaintext().reveal(Base64.getEncoder()::encodeToString);
        return new Dek(g.ciphertext(), plain);
      }
    }

    @Override
    List<Output.Column> columns() {
      return List.of(
          new Output.Column("CIPHERTEXT", "/ciphertext"),
          new Output.Column("PLAINTEXT", "/plaintext"));
    }
  }
}
