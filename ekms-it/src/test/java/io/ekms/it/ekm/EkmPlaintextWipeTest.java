package io.ekms.it.ekm;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.crypto.AuthenticationFailedException;
import io.ekms.ekm.backend.GcmOutput;
import io.ekms.ekm.backend.KeyBackend;
import io.ekms.ekm.domain.KeyHandle;
import io.ekms.ekm.service.Backends;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.TempDirs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Every plaintext array the key backend is given (encrypt) or gives back (decrypt) is wiped by the
 * time the caller has its answer, on the EKM API and on the XKS API.
 */
class EkmPlaintextWipeTest {
  @Test
  void plaintextArrays_onceAnswered_areAllZero() throws Exception {
    List<byte[]> plaintexts = new CopyOnWriteArrayList<>();
    try (LoopbackStack stack =
        LoopbackStack.builder(TempDirs.create("ekm-wipe-"))
            .ekmBackends(
                opened ->
                    new Backends(
                        List.of(new Watching(opened.get("software"), plaintexts)), "software"))
            .start()) {
      XksStore f = new XksStore(EkmVault.ofIdentity(stack));

      var ct = f.ekm.encrypt(f.ekm.keyId, "api secret", null);
      assertThat(f.ekm.decrypt(f.ekm.keyId, ct, null).status()).isEqualTo(200);
      var xks = f.encrypt("full", "xks secret".getBytes(StandardCharsets.UTF_8), null, true);
      assertThat(xks.status()).as(xks.raw()).isEqualTo(200);
      var opened = f.decrypt("full", xks.body(), null, XksStore.AKID1, XksStore.SECRET1);
      assertThat(opened.status()).as(opened.raw()).isEqualTo(200);

      // API encrypt and decrypt; XKS encrypt, its verifying decrypt, and decrypt.
      assertThat(plaintexts).hasSize(5);
      assertThat(plaintexts).allSatisfy(p -> assertThat(p).containsOnly(0));
    }
  }

  /** The software backend, remembering the plaintext arrays that pass through it. */
  private record Watching(KeyBackend backend, List<byte[]> plaintexts) implements KeyBackend {
    @Override
    public String name() {
      return backend.name();
    }

    @Override
    public KeyHandle generate(String keyVersionId, int lengthBits) {
      return backend.generate(keyVersionId, lengthBits);
    }

    @Override
    public GcmOutput encrypt(
        KeyHandle handle, String keyVersionId, byte[] iv, byte[] plaintext, byte[] aad) {
      plaintexts.add(plaintext);
      return backend.encrypt(handle, keyVersionId, iv, plaintext, aad);
    }

    @Override
    public byte[] decrypt(
        KeyHandle handle, String keyVersionId, byte[] iv, byte[] ciphertext, byte[] tag, byte[] aad)
        throws AuthenticationFailedException {
      byte[] plaintext = backend.decrypt(handle, keyVersionId, iv, ciphertext, tag, aad);
      plaintexts.add(plaintext);
      return plaintext;
    }

    @Override
    public void destroy(KeyHandle handle, String keyVersionId) {
      backend.destroy(handle, keyVersionId);
    }

    @Override
    public void close() {
      backend.close();
    }
  }
}
