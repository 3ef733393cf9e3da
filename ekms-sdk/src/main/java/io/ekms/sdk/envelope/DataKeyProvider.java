package io.ekms.sdk.envelope;

import io.ekms.common.secret.SecretBytes;
import java.util.Map;

/**
 * The KMS as envelope encryption needs it: a fresh data key wrapped under a named key, and the
 * unwrapping of such a key. Both bind {@code context} as associated data, so a wrapped key only
 * unwraps with the context it was made with.
 *
 * <p>Contract: {@link #generate} returns a new 32-byte key on every call unless the implementation
 * documents reuse; {@link #unwrap} throws {@link InvalidEnvelopeException} when the wrapped key is
 * not authentic under that key and context, and any other exception when the KMS cannot answer
 * (unreachable, refused, not authorized), so callers can tell bad ciphertext from an outage.
 * Implementations are thread-safe.
 */
public interface DataKeyProvider {
  /** A fresh AES-256 data key under {@code key}, with {@code context} bound. */
  DataKey generate(KeyReference key, Map<String, String> context);

  /** The plaintext data key inside {@code wrapped}; the caller closes it. */
  SecretBytes unwrap(KeyReference key, byte[] wrapped, Map<String, String> context);

  /**
   * Called once a message of {@code plaintextBytes} was encrypted under a key from {@link
   * #generate}, so that an implementation that reuses keys can bound the bytes per key. Does
   * nothing by default.
   */
  default void encrypted(KeyReference key, Map<String, String> context, long plaintextBytes) {}
}
