package io.ekms.ekm.backend.pkcs11;

import io.ekms.ekm.backend.BackendUnavailableException;
import io.ekms.ekm.backend.KeyUnusableException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * How one backend operation meets a fallible token: the caller's errors ({@link
 * KeyUnusableException}, {@link IllegalArgumentException}, {@link BadTag}) pass straight through;
 * any other failure is retried once, then becomes {@link BackendUnavailableException} with the
 * cause logged.
 */
final class TokenCalls {
  private static final Logger LOG = System.getLogger(TokenCalls.class.getName());

  private final Reconnector reconnector;

  TokenCalls(Reconnector reconnector) {
    this.reconnector = reconnector;
  }

  /**
   * Runs {@code op}; on a failure that is not the caller's, runs it once more: on the same
   * connection when only the cached object handle of {@code label} went stale (another node
   * destroyed or re-created the key), else on a fresh connection.
   */
  <T> T run(String label, String operation, TokenOp<T> op) {
    Generation g = reconnector.current();
    try {
      return op.run(g);
    } catch (KeyUnusableException | IllegalArgumentException | BadTag e) {
      throw e;
    } catch (Exception first) {
      Generation fresh;
      if (TokenConnection.rootCause(first).contains("HANDLE_INVALID")
          && !TokenConnection.rootCause(first).contains("SESSION")) {
        g.evict(label);
        fresh = g;
      } else {
        LOG.log(Level.WARNING, "PKCS#11 " + operation + " failed; reconnecting", first);
        fresh = reconnector.replace(g, first);
      }
      try {
        return op.run(fresh);
      } catch (KeyUnusableException | IllegalArgumentException | BadTag e) {
        throw e;
      } catch (Exception second) {
        second.addSuppressed(first);
        LOG.log(Level.ERROR, "PKCS#11 " + operation + " failed twice", second);
        throw new BackendUnavailableException("the PKCS#11 token failed: " + operation, second);
      }
    }
  }

  /** One attempt of an operation on one connection. */
  interface TokenOp<T> {
    T run(Generation generation) throws Exception;
  }

  /** A tag that did not verify on a token that still answers: the caller's input is wrong. */
  static final class BadTag extends RuntimeException {
    BadTag() {
      super(null, null, false, false);
    }
  }
}
