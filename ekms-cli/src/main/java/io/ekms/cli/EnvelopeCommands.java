package io.ekms.cli;

import io.ekms.sdk.KmsClient;
import io.ekms.sdk.envelope.Envelope;
import io.ekms.sdk.envelope.EnvelopeFiles;
import io.ekms.sdk.envelope.EnvelopeInfo;
import io.ekms.sdk.envelope.InvalidEnvelopeException;
import io.ekms.sdk.envelope.KeyReference;
import io.ekms.sdk.envelope.KmsDataKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ekms envelope encrypt|decrypt --in F --out G}: files of any size under a fresh data key
 * per file (see docs/envelope-format.md). The output is written to a temporary file beside {@code
 * --out} and renamed only when the whole file succeeded, so a failed decryption leaves no partial
 * plaintext.
 */
@Command(
    name = "envelope",
    mixinStandardHelpOptions = true,
    description = "Envelope-encrypt and decrypt files with a KMS key.",
    subcommands = {EnvelopeCommands.Encrypt.class, EnvelopeCommands.Decrypt.class})
final class EnvelopeCommands {
  private EnvelopeCommands() {}

  /** What both verbs print: the files, the key, the context and the plaintext's length. */
  record Result(
      String in,
      String out,
      String vaultId,
      String keyId,
      Map<String, String> context,
      long bytes) {
    static Result of(Path in, Path out, EnvelopeInfo info) {
      return new Result(
          in.toString(),
          out.toString(),
          info.key().vaultId(),
          info.key().keyId(),
          info.context(),
          info.plaintextBytes());
    }
  }

  /** Options and plumbing shared by both verbs. */
  abstract static class FileVerb extends KmsVerb {
    @Option(names = "--in", required = true, paramLabel = "FILE")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Option(
        names = "--context",
        paramLabel = "KEY=VALUE",
        description =
            "Encryption context (authenticated, not secret); repeat for more entries. On decrypt,"
                + " entries the file must carry.")
    Map<String, String> context = new LinkedHashMap<>();

    EnvelopeFiles files(KmsClient client, String label) throws IOException {
      if (!Files.isReadable(in)) {
        throw new IllegalArgumentException(
            "cannot read --in " + Paths.display(in) + ": no such file");
      }
      Path dir = out.toAbsolutePath().getParent();
      if (dir == null || !Files.isDirectory(dir)) {
        throw new IllegalArgumentException(
            "cannot write --out " + Paths.display(out) + ": its directory does not exist");
      }
      var progress = ProgressBar.forFile(spec.commandLine().getErr(), label, Files.size(in));
      return new EnvelopeFiles(new Envelope(new KmsDataKeys(client)), progress);
    }

    @Override
    List<Output.Column> columns() {
      return List.of(
          new Output.Column("OUT", "/out"),
          new Output.Column("KEY", "/keyId"),
          new Output.Column("BYTES", "/bytes"));
    }
  }

  @Command(name = "encrypt", description = "Encrypt --in into --out under a KMS key.")
  static final class Encrypt extends FileVerb {
    @Option(names = "--vault-id", description = "Default: the quickstart's.")
    String vaultId;

    @Option(names = "--key-id", description = "Default: the quickstart's.")
    String keyId;

    @Override
    Object run(KmsClient client) throws IOException {
      var key = new KeyReference(kms.vaultId(vaultId), kms.keyId(keyId));
      return Result.of(in, out, files(client, "encrypting").encrypt(key, context, in, out));
    }
  }

  @Command(
      name = "decrypt",
      description = "Decrypt --in into --out; the key is named in the file's header.")
  static final class Decrypt extends FileVerb {
    @Override
    Object run(KmsClient client) throws IOException {
      try {
        return Result.of(in, out, files(client, "decrypting").decrypt(in, out, context));
      } catch (InvalidEnvelopeException e) {
        throw new InvalidEnvelopeException(
            "cannot decrypt "
                + Paths.display(in)
                + ": "
                + Paths.sentence(e.getMessage())
                + (e.getMessage().contains("context")
                    ? "; pass the --context it was encrypted with"
                    : ""),
            e);
      }
    }
  }
}
