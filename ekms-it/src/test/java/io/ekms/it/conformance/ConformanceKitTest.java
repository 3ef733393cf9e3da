package io.ekms.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ekms conformance} against ekms's own EKM, for each protocol, with every optional input
 * given (the OCI token fetched with the client-credentials grant, as the KMS fetches it) (tokens of
 * two clients, the issuer's signing key, disable and fault hooks): every check runs and passes,
 * none is skipped.
 */
class ConformanceKitTest {
  static KitBed bed;

  @BeforeAll
  static void start() throws Exception {
    bed = new KitBed();
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  @Test
  void ociEkm_everyInputGiven_conformsWithNoSkip() throws Exception {
    bed.issuer.registerClient(KitBed.CLIENT, "kms-client-secret", bed.stack.ekmAudience());
    KitRun run =
        KitRun.with(
            bed.dir,
            "oci-ekm",
            "--endpoint",
            bed.stack.ekmUrl() + "/oci/ekm/v1/vaults/" + bed.vaultId,
            "--key-id",
            bed.keyId,
            "--ca-file",
            bed.caBundle.toString(),
            "--token-url",
            bed.issuer.tokenEndpoint(),
            "--client-id",
            KitBed.CLIENT,
            "--client-secret-file",
            bed.write("client.secret", "kms-client-secret\n").toString(),
            "--scope",
            bed.stack.ekmAudience() + "oci_ekms",
            "--other-token-file",
            bed.tokenFile("another-client").toString(),
            "--signing-key",
            bed.signingKeyFile().toString(),
            bed.hookArgs());

    conformsWithNoSkip(run, 30);
  }

  @Test
  void xks_everyInputGiven_conformsWithNoSkip() throws Exception {
    KitRun run =
        KitRun.with(
            bed.dir,
            "xks",
            "--endpoint",
            bed.xksUrl(),
            "--key-id",
            "encrypt_decrypt",
            "--ca-file",
            bed.caBundle.toString(),
            "--access-key-id",
            KitBed.AKID1,
            "--secret-file",
            bed.write("xks1.secret", KitBed.SECRET1).toString(),
            "--second-access-key-id",
            KitBed.AKID2,
            "--second-secret-file",
            bed.write("xks2.secret", KitBed.SECRET2).toString(),
            "--encrypt-only-key",
            "encrypt_only",
            "--decrypt-only-key",
            "decrypt_only",
            "--no-usage-key",
            "none",
            "--client-cert",
            bed.dir.resolve("client.pem").toString(),
            "--client-key",
            bed.dir.resolve("client-key.pem").toString(),
            bed.hookArgs());

    conformsWithNoSkip(run, 30);
  }

  @Test
  void gcpEkm_everyInputGiven_conformsWithNoSkip() throws Exception {
    KitRun run =
        KitRun.with(
            bed.dir,
            "gcp-ekm",
            "--key-uri",
            bed.gcpKeyUri(),
            "--ca-file",
            bed.caBundle.toString(),
            "--signing-key",
            bed.signingKeyFile().toString(),
            "--issuer",
            bed.issuer.issuer(),
            "--audience",
            KitBed.GCP_AUDIENCE,
            "--service-account",
            KitBed.GCP_SA,
            bed.hookArgs());

    conformsWithNoSkip(run, 25);
  }

  @Test
  void options_incomplete_exit2NamingWhatToGive() throws Exception {
    KitRun certWithoutKey =
        KitRun.with(
            bed.dir,
            "xks",
            "--endpoint",
            bed.xksUrl(),
            "--key-id",
            "encrypt_decrypt",
            "--access-key-id",
            KitBed.AKID1,
            "--secret-file",
            bed.write("xks1.secret", KitBed.SECRET1).toString(),
            "--client-cert",
            bed.dir.resolve("client.pem").toString());
    KitRun noToken = KitRun.of(bed.dir, "gcp-ekm", "--key-uri", bed.gcpKeyUri());

    assertThat(certWithoutKey.exit()).isEqualTo(2);
    assertThat(certWithoutKey.printed()).contains("--client-cert and --client-key go together");
    assertThat(noToken.exit()).isEqualTo(2);
    assertThat(noToken.printed()).contains("give --token-file, or --signing-key");
  }

  static void conformsWithNoSkip(KitRun run, int morePassesThan) {
    assertThat(run.exit()).as(run.printed()).isZero();
    assertThat(run.ids("SKIP")).as(run.printed()).isEmpty();
    assertThat(run.ids("PASS")).as(run.printed()).hasSizeGreaterThan(morePassesThan);
    assertThat(run.printed()).contains("CONFORMS");
  }
}
