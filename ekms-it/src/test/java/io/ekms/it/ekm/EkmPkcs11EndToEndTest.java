package io.ekms.it.ekm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.secret.SecretFiles;
import io.ekms.core.secret.SecretRef;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.RawHttps;
import io.ekms.testing.SoftHsm;
import io.ekms.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/**
 * A real EKM whose default backend is the SoftHSM2 token, beside the software keystore: keys say
 * which backend holds them, and ciphertexts made before a restart decrypt after it.
 */
class EkmPkcs11EndToEndTest {
  static EkmConfig.Pkcs11 pkcs11Section() throws Exception {
    SoftHsm.tokens();
    Path pin = SecretFiles.write(TempDirs.create("pin-").resolve("pin"), SoftHsm.PIN + "\n");
    return new EkmConfig.Pkcs11(SoftHsm.LIBRARY, SoftHsm.LABEL, SecretRef.ofFile(pin), 0);
  }

  /** A stack whose EKM has the SoftHSM2 token beside the software keystore, as {@code backend}. */
  static LoopbackStack stack(String defaultBackend) throws Exception {
    EkmConfig.Pkcs11 section = pkcs11Section();
    return LoopbackStack.builder(TempDirs.create("ekm-pkcs11-"))
        .ekm(ekm -> ekm.pkcs11(section).defaultBackend(defaultBackend))
        .start();
  }

  @Test
  void encryptDecrypt_pkcs11Key_roundTripsAcrossRestart() throws Exception {
    try (LoopbackStack stack = stack("pkcs11")) {
      EkmVault ekm = EkmVault.ofIdentity(stack);
      JsonNode key = ekm.admin().key(ekm.vaultId, ekm.keyId);
      JsonNode ct = ekm.encrypt(ekm.keyId, "kept in the token", "aad-1");

      stack.stopEkm();
      stack.startEkm();

      var pt = ekm.decrypt(ekm.keyId, ct, "aad-1");
      assertThat(key.path("backend").asText()).isEqualTo("pkcs11");
      assertThat(pt.status()).isEqualTo(200);
      assertThat(pt.body().path("plaintext").asText()).isEqualTo(EkmVault.b64("kept in the token"));
      assertThat(ekm.decrypt(ekm.keyId, ct, "aad-2").status()).isEqualTo(400);
    }
  }

  @Test
  void encrypt_tokenAwayThenBack_503ThenServesWithoutRestart() throws Exception {
    try (LoopbackStack stack = stack("pkcs11")) {
      EkmVault ekm = EkmVault.ofIdentity(stack);
      JsonNode ct = ekm.encrypt(ekm.keyId, "before the outage", null);
      Path tokens = SoftHsm.tokens();
      Path away = tokens.resolveSibling("tokens-away");

      Files.move(tokens, away, StandardCopyOption.ATOMIC_MOVE);
      RawHttps.Answer during;
      try {
        during = ekm.decrypt(ekm.keyId, ct, null);
      } finally {
        Files.move(away, tokens, StandardCopyOption.ATOMIC_MOVE);
      }

      assertThat(during.status()).isEqualTo(503);
      assertThat(during.code()).isEqualTo("BackendUnavailable");
      assertThat(ekm.decrypt(ekm.keyId, ct, null).status()).isEqualTo(200);
      assertThat(ekm.encrypt(ekm.keyId, "after it", null).path("ciphertext").asText()).isNotEmpty();
    }
  }

  @Test
  void createKey_backendNamed_goesToThatBackend() throws Exception {
    try (LoopbackStack stack = stack(null)) {
      EkmVault ekm = EkmVault.ofIdentity(stack);
      var software = ekm.admin().key(ekm.vaultId, ekm.keyId);
      String hsm = ekm.admin().createKey(ekm.vaultId, "in-hsm", "pkcs11");

      assertThat(software.path("backend").asText()).isEqualTo("software");
      assertThat(ekm.admin().key(ekm.vaultId, hsm).path("backend").asText()).isEqualTo("pkcs11");
      JsonNode ct = ekm.encrypt(hsm, "hello", null);
      assertThat(ekm.decrypt(hsm, ct, null).status()).isEqualTo(200);
    }
  }
}
