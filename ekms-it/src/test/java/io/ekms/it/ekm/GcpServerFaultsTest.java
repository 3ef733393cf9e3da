package io.ekms.it.ekm;

import static io.ekms.it.ekm.GcpStore.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.crypto.AuthenticationFailedException;
import io.ekms.ekm.backend.BackendUnavailableException;
import io.ekms.ekm.backend.GcmOutput;
import io.ekms.ekm.backend.KeyBackend;
import io.ekms.ekm.domain.KeyHandle;
import io.ekms.ekm.service.Backends;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server-side rows of the Cloud EKM error table: a key backend that is down is UNAVAILABLE
 * (never PERMISSION_DENIED), a bug is INTERNAL naming the request and nothing of the cause.
 */
class GcpServerFaultsTest {
  enum Fault {
    NONE,
    DOWN,
    BUG
  }

  static volatile Fault fault = Fault.NONE;
  static LoopbackStack stack;
  static TestIssuer google;
  static GcpStore f;

  /** The real backend, failing its crypto as {@link #fault} says. */
  record Faulty(KeyBackend real) implements KeyBackend {
    @Override
    public String name() {
      return real.name();
    }

    @Override
    public KeyHandle generate(String keyVersionId, int lengthBits) {
      return real.generate(keyVersionId, lengthBits);
    }

    @Override
    public GcmOutput encrypt(
        KeyHandle handle, String keyVersionId, byte[] iv, byte[] plaintext, byte[] aad) {
      switch (fault) {
        case DOWN -> throw new BackendUnavailableException("HSM gone", null);
        case BUG -> throw new IllegalStateException("a bug with a secret detail");
        default -> {
          return real.encrypt(handle, keyVersionId, iv, plaintext, aad);
        }
      }
    }

    @Override
    public byte[] decrypt(
        KeyHandle handle, String keyVersionId, byte[] iv, byte[] ct, byte[] tag, byte[] aad)
        throws AuthenticationFailedException {
      return real.decrypt(handle, keyVersionId, iv, ct, tag, aad);
    }

    @Override
    public void destroy(KeyHandle handle, String keyVersionId) {
      real.destroy(handle, keyVersionId);
    }

    @Override
    public void close() {
      real.close();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    stack =
        LoopbackStack.builder(TempDirs.create("gcp-faults-"))
            .ekmBackends(
                b -> {
                  KeyBackend real = b.forNewKey(null);
                  return new Backends(List.of(new Faulty(real)), real.name());
                })
            .start();
    google = TestIssuer.start();
    f = new GcpStore(EkmVault.ofIdentity(stack), google);
  }

  @AfterAll
  static void stop() {
    fault = Fault.NONE;
    stack.close();
    google.close();
  }

  @Test
  void backendDown_unavailable_thenBugInternal_thenRecovers() throws Exception {
    byte[] dek = "dek".getBytes(StandardCharsets.UTF_8);
    try {
      fault = Fault.DOWN;
      expect(f.wrap(dek, null), 503, 14);
      fault = Fault.BUG;
      var bug = f.wrap(dek, null);
      expect(bug, 500, 13);
      assertThat(bug.body().path("message").asText())
          .contains("request")
          .doesNotContain("secret detail")
          .doesNotContain("IllegalState");
    } finally {
      fault = Fault.NONE;
    }
    assertThat(f.wrap(dek, null).status()).isEqualTo(200);
  }
}
