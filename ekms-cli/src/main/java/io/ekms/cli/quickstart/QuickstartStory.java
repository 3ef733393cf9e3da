package io.ekms.cli.quickstart;

import static io.ekms.cli.quickstart.Steps.expect;

import io.ekms.common.secret.SecretBytes;
import io.ekms.sdk.KmsClient;
import io.ekms.sdk.KmsCrypto;
import io.ekms.sdk.KmsException;
import io.ekms.sdk.envelope.Envelope;
import io.ekms.sdk.envelope.EnvelopeFiles;
import io.ekms.sdk.envelope.KeyReference;
import io.ekms.sdk.envelope.KmsDataKeys;
import io.ekms.sdk.model.EncryptedData;
import io.ekms.sdk.model.GeneratedKey;
import io.ekms.stack.LoopbackStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The story told on every run, against the resources in {@code quickstart.json}: crypto through the
 * KMS, envelope encryption of a file, rotation, the EKM's kill switch, both audit logs, one XKS
 * call and one Cloud EKM wrap and unwrap. Ciphertexts of an earlier run, kept in {@code
 * <data-dir>/story/}, must still decrypt.
 */
final class QuickstartStory {
  private static final Map<String, String> AAD = Map.of("app", "quickstart");
  private static final byte[] MESSAGE =
      "hello from the quickstart".getBytes(StandardCharsets.UTF_8);
  private static final String SAMPLE = "A sample file, envelope-encrypted by ekms quickstart.\n";
  private final LoopbackStack stack;
  private final QuickstartFile file;
  private final Steps steps;
  private final KmsCrypto crypto;
  private final Path storyDir;

  QuickstartStory(LoopbackStack stack, QuickstartFile file, Steps steps) throws Exception {
    this.stack = stack;
    this.file = file;
    this.steps = steps;
    this.crypto = client(stack, Path.of(file.kms().ociConfig())).crypto(file.kms().vaultId());
    this.storyDir = Files.createDirectories(stack.dataDir().resolve("story"));
  }

  static KmsClient client(LoopbackStack stack, Path ociConfig) throws Exception {
    return KmsClient.builder()
        .endpoint(stack.kms().baseUrl())
        .profile(ociConfig, QuickstartRun.PROFILE)
        .trust(stack.caFile())
        .build();
  }

  void run() throws Exception {
    String keyId = file.kms().keyId();
    EncryptedData first = crypto.encrypt(keyId, MESSAGE, AAD);
    steps.run(
        "Encrypt through the KMS (a live call to the EKM)", () -> short40(first.ciphertext()));
    steps.run("Decrypt it back", () -> decryptsTo(first.ciphertext(), MESSAGE));
    steps.run("Ciphertext saved by an earlier run", this::savedCiphertext);
    steps.run("Generate a data encryption key", this::generateDek);
    steps.run("Envelope file saved by an earlier run", this::savedEnvelope);
    steps.run("Envelope-encrypt a sample file and decrypt it back", this::envelopeRoundTrip);
    steps.run("Rotate the key in the EKM, add the key version in the KMS", this::rotate);
    steps.run("Ciphertext from before the rotation", () -> decryptsTo(first.ciphertext(), MESSAGE));
    steps.run("Disable the key in the EKM", () -> ekmKey("disable"));
    String refused = steps.run("The KMS refuses the very next decrypt", () -> refused(first));
    steps.run("Enable the key in the EKM again", () -> ekmKey("enable"));
    steps.run("Decrypt works again", () -> decryptsTo(first.ciphertext(), MESSAGE));
    String requestId = refused.substring(refused.lastIndexOf(' ') + 1);
    AuditLogs audits = new AuditLogs(stack.dataDir());
    steps.run("KMS audit record of that request", () -> audits.kms(requestId));
    steps.run("EKM audit record of that request", () -> audits.ekm(requestId));
    steps.run("XKS encrypt and decrypt, signed with SigV4", () -> new XksProbe(file).run());
    steps.run("Cloud EKM wrap and unwrap, with an ID token", () -> new GcpProbe(file, stack).run());
  }

  private String decryptsTo(String ciphertext, byte[] expected) {
    try (var plain = crypto.decrypt(file.kms().keyId(), ciphertext, AAD)) {
      expect(plain.plaintext().reveal(p -> Arrays.equals(p, expected)), "the plaintext differs");
      return "ok (key version " + short40(plain.keyVersionId()) + ")";
    }
  }

  private String savedCiphertext() throws Exception {
    Path saved = storyDir.resolve("ciphertext.b64");
    if (Files.exists(saved)) {
      return "still " + decryptsTo(Files.readString(saved).strip(), MESSAGE);
    }
    Files.writeString(saved, crypto.encrypt(file.kms().keyId(), MESSAGE, AAD).ciphertext());
    return "none yet; saved one for the next run";
  }

  private String generateDek() {
    try (GeneratedKey dek = crypto.generateDataEncryptionKey(file.kms().keyId(), 32, true, AAD)) {
      SecretBytes plain = dek.plaintext();
      expect(plain != null && plain.length() == 32, "the KMS returned no 32-byte key");
      return "AES-256 key, wrapped as " + dek.ciphertext().length() + " Base64 characters";
    }
  }

  private EnvelopeFiles envelopes() throws Exception {
    KmsClient kms = client(stack, Path.of(file.kms().ociConfig()));
    return new EnvelopeFiles(new Envelope(new KmsDataKeys(kms)));
  }

  private String savedEnvelope() throws Exception {
    Path sealed = storyDir.resolve("sample.txt.ekms");
    if (!Files.exists(sealed)) {
      return "none yet";
    }
    Path back = storyDir.resolve("sample.earlier.txt");
    envelopes().decrypt(sealed, back);
    expect(Files.readString(back).equals(SAMPLE), "the decrypted file differs");
    Files.delete(back);
    return "still decrypts";
  }

  private String envelopeRoundTrip() throws Exception {
    Path sample = storyDir.resolve("sample.txt");
    Path sealed = storyDir.resolve("sample.txt.ekms");
    Path back = storyDir.resolve("sample.decrypted.txt");
    Files.writeString(sample, SAMPLE);
    EnvelopeFiles files = envelopes();
    files.encrypt(new KeyReference(file.kms().vaultId(), file.kms().keyId()), AAD, sample, sealed);
    files.decrypt(sealed, back);
    expect(Files.readString(back).equals(SAMPLE), "the decrypted file differs");
    return sealed.getFileName() + " (" + Files.size(sealed) + " bytes), decrypted: same bytes";
  }

  private String rotate() throws Exception {
    ekmKey("rotate");
    String version =
        client(stack, Path.of(file.kms().ociConfig()))
            .management(file.kms().vaultId())
            .createKeyVersion(file.kms().keyId())
            .id();
    EncryptedData fresh = crypto.encrypt(file.kms().keyId(), MESSAGE, AAD);
    expect(version.equals(fresh.keyVersionId()), "new ciphertext is not under the new version");
    return "new version " + short40(version);
  }

  private String ekmKey(String action) {
    return stack
        .ekmAdmin()
        .keyAction(file.ekm().vaultId(), file.ekm().keyId(), action)
        .path("state")
        .asText(action + "d");
  }

  private String refused(EncryptedData ciphertext) {
    try {
      crypto.decrypt(file.kms().keyId(), ciphertext.ciphertext(), AAD).close();
      throw new QuickstartException("the KMS decrypted with a disabled key");
    } catch (KmsException e) {
      expect(e.status() == 409, "the KMS answered " + e.status() + " " + e.code());
      return e.status() + " " + e.code() + ", request id " + e.opcRequestId();
    }
  }

  private static String short40(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
