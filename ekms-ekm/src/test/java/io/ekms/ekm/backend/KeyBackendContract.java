package io.ekms.ekm.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.AuthenticationFailedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link KeyBackend} promises; tampering is in {@link KeyBackendTamperingContract}. */
public abstract class KeyBackendContract extends KeyBackendFixture {
  @ParameterizedTest
  @ValueSource(ints = {128, 192, 256})
  void generate_eachAesLength_encryptsAndDecrypts(int lengthBits) throws Exception {
    Version v = generate(lengthBits);

    Sealed sealed = encrypt(backend, v, PLAINTEXT, null);

    assertThat(v.handle().backend()).isEqualTo(backend.name());
    assertThat(sealed.ciphertext()).hasSameSizeAs(PLAINTEXT).isNotEqualTo(PLAINTEXT);
    assertThat(sealed.tag()).hasSize(AesGcm.TAG_BYTES);
    assertThat(decrypt(backend, v, sealed)).isEqualTo(PLAINTEXT);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 64, 100, 255, 257, 512, -256})
  void generate_notAnAesLength_throwsIllegalArgument(int lengthBits) {
    assertThatThrownBy(() -> generate(lengthBits)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void encrypt_returnsCallersIv() {
    Version v = generate(256);
    byte[] iv = AesGcm.newIv();

    GcmOutput out = backend.encrypt(v.handle(), v.id(), iv, PLAINTEXT, null);

    assertThat(out.iv()).isEqualTo(iv);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 8, 11, 13, 16})
  void encrypt_ivNot12Bytes_throwsIllegalArgument(int ivBytes) {
    Version v = generate(256);

    assertThatThrownBy(
            () -> backend.encrypt(v.handle(), v.id(), new byte[ivBytes], PLAINTEXT, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decrypt_withAad_returnsPlaintextOnlyForSameAad() throws Exception {
    Version v = generate(256);
    Sealed sealed = encrypt(backend, v, PLAINTEXT, AAD);

    assertThat(decrypt(backend, v, sealed)).isEqualTo(PLAINTEXT);
    Sealed withoutAad = new Sealed(sealed.ciphertext(), sealed.iv(), sealed.tag(), null);
    assertThatThrownBy(() -> decrypt(backend, v, withoutAad))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void decrypt_aadAddedThatWasNotUsed_throwsAuthenticationFailed() {
    Version v = generate(256);
    Sealed sealed = encrypt(backend, v, PLAINTEXT, null);
    Sealed withAad = new Sealed(sealed.ciphertext(), sealed.iv(), sealed.tag(), AAD);

    assertThatThrownBy(() -> decrypt(backend, v, withAad))
        .isInstanceOf(AuthenticationFailedException.class)
        .hasMessage(AuthenticationFailedException.MESSAGE);
  }

  @Test
  void generate_twoVersions_keysDiffer() throws Exception {
    Version v1 = generate(256);
    Version v2 = generate(256);
    byte[] iv = AesGcm.newIv();

    GcmOutput one = backend.encrypt(v1.handle(), v1.id(), iv, PLAINTEXT, null);
    GcmOutput two = backend.encrypt(v2.handle(), v2.id(), iv, PLAINTEXT, null);

    assertThat(one.ciphertext()).isNotEqualTo(two.ciphertext());
    Sealed ofOne = new Sealed(one.ciphertext(), one.iv(), one.tag(), null);
    assertThatThrownBy(() -> decrypt(backend, v2, ofOne))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void encryptAndDecrypt_handleWithAnotherVersionId_fail() {
    Version v1 = generate(256);
    Version v2 = generate(256);
    Sealed sealed = encrypt(backend, v1, PLAINTEXT, null);
    Version moved = new Version(v2.id(), v1.handle());

    assertThatThrownBy(() -> encrypt(backend, moved, PLAINTEXT, null))
        .isInstanceOf(KeyUnusableException.class);
    assertThatThrownBy(() -> decrypt(backend, moved, sealed))
        .isInstanceOf(KeyUnusableException.class);
  }

  @Test
  void destroy_thenEncryptOrDecrypt_throwsKeyUnusable() throws Exception {
    Version doomed = generate(256);
    Version kept = generate(256);
    Sealed sealed = encrypt(backend, doomed, PLAINTEXT, null);
    Sealed keptSealed = encrypt(backend, kept, PLAINTEXT, null);

    backend.destroy(doomed.handle(), doomed.id());

    assertThatThrownBy(() -> encrypt(backend, doomed, PLAINTEXT, null))
        .isInstanceOf(KeyUnusableException.class);
    assertThatThrownBy(() -> decrypt(backend, doomed, sealed))
        .isInstanceOf(KeyUnusableException.class);
    assertThat(decrypt(backend, kept, keptSealed)).isEqualTo(PLAINTEXT);
  }

  @Test
  void reopen_oldCiphertexts_stillDecryptBothWays() throws Exception {
    Version v = generate(192);
    Sealed before = encrypt(backend, v, PLAINTEXT, AAD);

    try (KeyBackend again = reopen()) {
      assertThat(decrypt(again, v, before)).isEqualTo(PLAINTEXT);
      Sealed after = encrypt(again, v, PLAINTEXT, null);
      assertThat(decrypt(backend, v, after)).isEqualTo(PLAINTEXT);
    }
  }

  @Test
  void encryptAndDecrypt_16VirtualThreadsOnOneHandle_allRoundTrip() throws Exception {
    Version v = generate(256);
    List<Future<Integer>> results = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < 16; t++) {
        byte[] mine = ("thread " + t + " says hello").getBytes(StandardCharsets.UTF_8);
        results.add(
            threads.submit(
                () -> {
                  int ok = 0;
                  for (int i = 0; i < 200; i++) {
                    Sealed s = encrypt(backend, v, mine, AAD);
                    ok += Arrays.equals(decrypt(backend, v, s), mine) ? 1 : 0;
                  }
                  return ok;
                }));
      }
      for (Future<Integer> r : results) {
        assertThat(r.get()).isEqualTo(200);
      }
    }
  }
}
