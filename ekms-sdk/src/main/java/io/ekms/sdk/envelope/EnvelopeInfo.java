package io.ekms.sdk.envelope;

import java.util.Map;

/**
 * What an envelope says about itself once encrypted or authenticated: the KMS key that wraps its
 * data key, its encryption context, and how many plaintext bytes it holds. Check the context after
 * decrypting: it is authentic, but only the caller knows which context it expects.
 */
public record EnvelopeInfo(KeyReference key, Map<String, String> context, long plaintextBytes) {
  /** Copies the context. */
  public EnvelopeInfo {
    context = Map.copyOf(context);
  }
}
