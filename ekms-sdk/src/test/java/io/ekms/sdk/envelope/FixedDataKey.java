package io.ekms.sdk.envelope;

import io.ekms.common.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * The inputs of the frozen test vectors (docs/envelope-format.md): a fixed data key 0x00..0x1f
 * whose "wrapped" form is the ASCII text {@code wrapped-dek}, and a randomness source that yields
 * the message id 0x40..0x5f and then the base IV 0x60..0x6b.
 */
final class FixedDataKey implements DataKeyProvider {
  static final byte[] DEK = counting(0x00, 32);
  static final byte[] WRAPPED = "wrapped-dek".getBytes(StandardCharsets.US_ASCII);

  @Override
  public DataKey generate(KeyReference key, Map<String, String> context) {
    return new DataKey(SecretBytes.copyOf(DEK), WRAPPED);
  }

  @Override
  public SecretBytes unwrap(KeyReference key, byte[] wrapped, Map<String, String> context) {
    if (!Arrays.equals(wrapped, WRAPPED)) {
      throw new InvalidEnvelopeException("The KMS refused the wrapped key.");
    }
    return SecretBytes.copyOf(DEK);
  }

  /** Message id 0x40..0x5f, then base IV 0x60..0x6b: one message's worth of randomness. */
  static RandomSource randomness() {
    int[] next = {0x40};
    return out -> {
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) next[0]++;
      }
    };
  }

  static Envelope envelope(int frameSize) {
    return new Envelope(new FixedDataKey(), frameSize, randomness());
  }

  static byte[] counting(int first, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) (first + i);
    }
    return out;
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
