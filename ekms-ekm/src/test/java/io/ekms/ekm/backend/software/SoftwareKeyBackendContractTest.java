package io.ekms.ekm.backend.software;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.Randoms;
import io.ekms.ekm.backend.KeyBackend;
import io.ekms.ekm.backend.KeyBackendContract;
import io.ekms.ekm.backend.KeyBackendTamperingContract;
import io.ekms.ekm.backend.KeyUnusableException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The {@link io.ekms.ekm.backend.KeyBackend} contracts on {@link SoftwareKeyBackend}. */
class SoftwareKeyBackendContractTest {
  /** The master key of the current test's keystore; each backend gets its own copy to wipe. */
  private final byte[] master = Randoms.bytes(MasterKey.BYTES);

  private KeyBackend backendOver(byte[] masterKey) {
    return new SoftwareKeyBackend(SecretBytes.copyOf(masterKey));
  }

  @Nested
  class Contract extends KeyBackendContract {
    @Override
    protected KeyBackend newBackend() {
      return backendOver(master);
    }

    @Override
    protected KeyBackend reopen() {
      return backendOver(master);
    }

    /** Software binds the sealed key to its version id, so a moved handle does not open. */
    @Test
    void encryptAndDecrypt_handleWithAnotherVersionId_throwKeyUnusable() {
      Version v1 = generate(256);
      Version v2 = generate(256);
      Sealed sealed = encrypt(backend, v1, PLAINTEXT, null);
      Version moved = new Version(v2.id(), v1.handle());

      assertThatThrownBy(() -> encrypt(backend, moved, PLAINTEXT, null))
          .isInstanceOf(KeyUnusableException.class);
      assertThatThrownBy(() -> decrypt(backend, moved, sealed))
          .isInstanceOf(KeyUnusableException.class);
    }
  }

  @Nested
  class Tampering extends KeyBackendTamperingContract {
    @Override
    protected KeyBackend newBackend() {
      return backendOver(master);
    }

    @Override
    protected KeyBackend reopen() {
      return backendOver(master);
    }
  }
}
