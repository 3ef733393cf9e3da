package io.ekms.it.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.sdk.KmsCrypto;
import io.ekms.sdk.model.DecryptedData;
import io.ekms.sdk.model.EncryptedData;
import io.ekms.stack.LoopbackStack;
import io.ekms.stack.StackTenant;
import io.ekms.stack.Trees;
import io.ekms.testing.TempDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backup and restore of a real EKM behind a real KMS, over HTTPS: the EKM is backed up with the
 * CLI, its data directory destroyed, a fresh one restored from the backup, and ciphertexts the KMS
 * made before (under two key versions) decrypt through the KMS again. Damaged files, wrong keys and
 * wrong shares are refused in one sentence and leave the target as it was.
 */
class BackupRestoreTest {
  private static LoopbackStack stack;
  private static StackTenant tenant;
  private static Path work;
  private static Path keyFile;
  private static EncryptedData beforeRotation;
  private static EncryptedData afterRotation;

  @BeforeAll
  static void start() throws Exception {
    work = TempDirs.create("backup-it-");
    stack = LoopbackStack.builder(work.resolve("stack")).start();
    tenant =
        StackTenant.provision(
            stack, "backup", "ocid1.tenancy.oc1..backup", "ocid1.compartment.oc1..backup");
    beforeRotation = crypto().encrypt(tenant.keyId(), bytes("before rotation"), Map.of());
    stack.ekmAdmin().keyAction(tenant.ekmVaultId(), tenant.ekmKeyId(), "rotate");
    afterRotation = crypto().encrypt(tenant.keyId(), bytes("after rotation"), Map.of());
    keyFile = work.resolve("keys/backup.key");
    assertThat(BackupCli.run("ekm", "backup-key", "new", "--out", keyFile.toString()).code())
        .isZero();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static KmsCrypto crypto() {
    return tenant.client(stack).crypto(tenant.vaultId());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Path ekmDir() {
    return stack.ekmConfig().dataPath();
  }

  /** Runs an {@code ekms ekm backup} with the EKM stopped (H2 is one process's at a time). */
  private static BackupCli backup(Path out, String... keyArgs) {
    stack.stopEkm();
    try {
      List<String> args =
          new java.util.ArrayList<>(
              List.of("ekm", "backup", "--data-dir", ekmDir().toString(), "--out", out.toString()));
      args.addAll(List.of(keyArgs));
      BackupCli run = BackupCli.run(args.toArray(String[]::new));
      assertThat(run.code()).as(run.err()).isZero();
      return run;
    } finally {
      stack.startEkm();
    }
  }

  /**
   * Stops the EKM and destroys its data directory, keeping only the node's TLS files (which a
   * backup does not hold: a new node is given its own certificate), then runs {@code restore}.
   */
  private static BackupCli destroyAndRestore(java.util.function.Supplier<BackupCli> restore)
      throws Exception {
    stack.stopEkm();
    Path tls = work.resolve("tls-" + System.nanoTime());
    Files.createDirectories(tls);
    for (String f : List.of("server.pem", "server-key.pem", "ca.pem")) {
      Files.copy(ekmDir().resolve("tls").resolve(f), tls.resolve(f));
    }
    Trees.deleteRecursively(ekmDir());
    assertThat(ekmDir()).doesNotExist();
    Files.createDirectories(ekmDir().resolve("tls"));
    for (String f : List.of("server.pem", "server-key.pem", "ca.pem")) {
      Files.copy(
          tls.resolve(f), ekmDir().resolve("tls").resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
    }
    BackupCli run = restore.get();
    stack.startEkm();
    return run;
  }

  private static void oldCiphertextsDecryptThroughTheKms() {
    for (var sealed : List.of(beforeRotation, afterRotation)) {
      try (DecryptedData d = crypto().decrypt(tenant.keyId(), sealed.ciphertext(), Map.of())) {
        String text = d.plaintext().reveal(b -> new String(b, StandardCharsets.UTF_8));
        assertThat(text).isIn("before rotation", "after rotation");
      }
    }
  }

  @Test
  void restore_keyFileAfterDataDirectoryDestroyed_kmsDecryptsOldCiphertexts() throws Exception {
    Path file = work.resolve("with-key-file.backup");
    backup(file, "--backup-key-file", keyFile.toString());

    BackupCli restored =
        destroyAndRestore(
            () ->
                BackupCli.run(
                    "ekm",
                    "restore",
                    file.toString(),
                    "--data-dir",
                    ekmDir().toString(),
                    "--backup-key-file",
                    keyFile.toString()));

    assertThat(restored.code()).as(restored.err()).isZero();
    assertThat(restored.out()).contains("Restored " + file).contains("New admin token file");
    oldCiphertextsDecryptThroughTheKms();
    assertThat(crypto().encrypt(tenant.keyId(), bytes("new"), Map.of()).ciphertext()).isNotEmpty();
  }

  @Test
  void restore_twoOfThreeShares_kmsDecryptsOldCiphertexts() throws Exception {
    Path file = work.resolve("with-shares.backup");
    BackupCli made = backup(file, "--shares", "3", "--threshold", "2");
    List<String> shares = made.out().lines().toList();
    assertThat(shares).hasSize(3).allMatch(s -> s.startsWith("ekms-share-1:"));
    assertThat(made.err()).contains("split into 3 shares, any 2 of which restore it");

    BackupCli restored =
        destroyAndRestore(
            () ->
                BackupCli.withStdin(
                    shares.get(2) + "\n" + shares.get(0) + "\n",
                    "ekm",
                    "restore",
                    file.toString(),
                    "--data-dir",
                    ekmDir().toString(),
                    "--shares-from-stdin"));

    assertThat(restored.code()).as(restored.err()).isZero();
    oldCiphertextsDecryptThroughTheKms();
  }

  @Test
  void restore_tamperedTruncatedOrWrongKey_refusedInOneSentenceAndTargetUntouched()
      throws Exception {
    Path file = work.resolve("to-damage.backup");
    backup(file, "--backup-key-file", keyFile.toString());
    byte[] good = Files.readAllBytes(file);
    byte[] flipped = good.clone();
    flipped[good.length - 10] ^= 1;
    Path tampered = Files.write(work.resolve("tampered.backup"), flipped);
    Path truncated =
        Files.write(
            work.resolve("truncated.backup"), java.util.Arrays.copyOf(good, good.length / 2));
    Path otherKey = work.resolve("keys/other.key");
    BackupCli.run("ekm", "backup-key", "new", "--out", otherKey.toString());
    Path target = work.resolve("untouched");

    Map<Path, Path> cases = Map.of(tampered, keyFile, truncated, keyFile, file, otherKey);
    for (var c : cases.entrySet()) {
      BackupCli run =
          BackupCli.run(
              "ekm",
              "restore",
              c.getKey().toString(),
              "--data-dir",
              target.toString(),
              "--backup-key-file",
              c.getValue().toString());
      assertThat(run.code()).as(run.err()).isEqualTo(5);
      assertThat(run.err().lines()).as(run.err()).hasSize(1);
      assertThat(run.err()).startsWith("ekms: ").endsWith(".\n");
      assertThat(target).doesNotExist();
    }
  }

  @Test
  void restore_tooFewOrWrongShares_refusedAndTargetUntouched() throws Exception {
    Path file = work.resolve("shares-refused.backup");
    List<String> shares = backup(file, "--shares", "3", "--threshold", "2").out().lines().toList();
    List<String> others =
        backup(work.resolve("other-shares.backup"), "--shares", "3", "--threshold", "2")
            .out()
            .lines()
            .toList();
    Path target = work.resolve("untouched-by-shares");
    String typo =
        shares.get(1).substring(0, 40)
            + (shares.get(1).charAt(40) == 'a' ? 'b' : 'a')
            + shares.get(1).substring(41);

    Map<String, String> cases =
        Map.of(
            shares.get(0) + "\n", "2 shares of backup key",
            shares.get(0) + "\n" + others.get(1) + "\n",
                "the shares belong to different backup keys",
            shares.get(0) + "\n" + typo + "\n", "share 2 has a wrong checksum");
    for (var c : cases.entrySet()) {
      BackupCli run =
          BackupCli.withStdin(
              c.getKey(),
              "ekm",
              "restore",
              file.toString(),
              "--data-dir",
              target.toString(),
              "--shares-from-stdin");
      assertThat(run.code()).as(run.err()).isEqualTo(5);
      assertThat(run.err()).startsWith("ekms: " + c.getValue()).doesNotContain(shares.get(0));
      assertThat(target).doesNotExist();
    }
  }

  @Test
  void restore_targetHoldingData_refusedSayingSoAndEkmKeepsServing() throws Exception {
    Path file = work.resolve("non-empty.backup");
    backup(file, "--backup-key-file", keyFile.toString());
    stack.stopEkm();
    BackupCli run;
    try {
      run =
          BackupCli.run(
              "ekm",
              "restore",
              file.toString(),
              "--data-dir",
              ekmDir().toString(),
              "--backup-key-file",
              keyFile.toString());
    } finally {
      stack.startEkm();
    }
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("ekms: the target already holds EKM data (")
        .endsWith("restore refuses to replace it unless --overwrite is given.\n");
    oldCiphertextsDecryptThroughTheKms();
  }

  @Test
  void inspect_noKey_printsTheManifest() throws Exception {
    Path file = work.resolve("inspected.backup");
    backup(file, "--backup-key-file", keyFile.toString());
    BackupCli run = BackupCli.run("ekm", "backup", "inspect", file.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("\"authenticated\":false")
        .contains("\"keySource\":\"file\"")
        .contains("\"ekm_vaults\":1")
        .contains("\"ekm_key_versions\":2")
        .contains("\"payloadSha256\":");
    BackupCli verified =
        BackupCli.run(
            "ekm", "backup", "verify", file.toString(), "--backup-key-file", keyFile.toString());
    assertThat(verified.code()).as(verified.err()).isZero();
    assertThat(verified.out()).contains("\"authenticated\":true");
  }
}
