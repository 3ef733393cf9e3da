package io.ekms.cli;

import io.ekms.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The fields of {@code quickstart.json} (written by {@code ekms quickstart}) that give the KMS
 * verbs their defaults; unknown fields are ignored, absent ones are null.
 */
record QuickstartFile(String caCertificate, Kms kms) {
  /** The KMS part: where it is, whose API key signs, and the quickstart's resources. */
  record Kms(
      String endpoint,
      String ociConfig,
      String profile,
      String compartmentId,
      String vaultId,
      String keyId,
      String privateEndpointId) {}

  static final QuickstartFile NONE = new QuickstartFile(null, null);

  QuickstartFile {
    kms = kms == null ? new Kms(null, null, null, null, null, null, null) : kms;
  }

  /** Reads {@code file}; every failure is one sentence naming what to fix. */
  static QuickstartFile read(Path file) {
    try {
      return Json.read(Files.readAllBytes(file), QuickstartFile.class);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "cannot read the quickstart file "
              + Paths.display(file)
              + ": no such file; run ekms quickstart or fix --quickstart");
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot read the quickstart file "
              + Paths.display(file)
              + ": "
              + Paths.sentence(e.getMessage())
              + "; run ekms quickstart again or fix --quickstart");
    }
  }
}
