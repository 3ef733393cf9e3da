package io.ekms.ekm.backend.pkcs11;

import io.ekms.ekm.backend.KeyBackend;
import io.ekms.ekm.backend.KeyBackendContract;
import io.ekms.ekm.backend.KeyBackendTamperingContract;
import org.junit.jupiter.api.Nested;

/**
 * The {@link KeyBackend} contracts, unchanged, on {@link Pkcs11KeyBackend} over a SoftHSM2 token;
 * {@code reopen()} logs in again as a restarted EKM would, so restart-and-decrypt reads the keys
 * back from the token.
 */
class Pkcs11KeyBackendContractTest {
  private static KeyBackend open() {
    return new Pkcs11KeyBackend(SoftHsmSettings.of());
  }

  @Nested
  class Contract extends KeyBackendContract {
    @Override
    protected KeyBackend newBackend() {
      return open();
    }

    @Override
    protected KeyBackend reopen() {
      return open();
    }
  }

  @Nested
  class Tampering extends KeyBackendTamperingContract {
    @Override
    protected KeyBackend newBackend() {
      return open();
    }

    @Override
    protected KeyBackend reopen() {
      return open();
    }
  }
}
