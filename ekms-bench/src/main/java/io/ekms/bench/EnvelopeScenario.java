package io.ekms.bench;

import io.ekms.sdk.envelope.Envelope;
import io.ekms.sdk.envelope.KeyReference;
import io.ekms.sdk.envelope.KmsDataKeys;
import io.ekms.stack.LoopbackStack;
import io.ekms.stack.StackTenant;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption ({@code io.ekms.sdk.envelope}) of a generated stream, the data key from the
 * real KMS, against raw single-thread AES-256-GCM over the same number of bytes in memory (1 MiB
 * {@code doFinal} calls), in this process. Raw and envelope alternate and the best of each counts,
 * since the machine is shared. Target: envelope at least 90% of raw.
 */
final class EnvelopeScenario {
  static final String NAME = "envelope-encrypt";
  static final double TARGET = 0.90;
  private static final int CHUNK = 1 << 20;

  private EnvelopeScenario() {}

  static Comparison measure(LoopbackStack stack, StackTenant tenant, long bytes, int rounds)
      throws Exception {
    Envelope envelope = new Envelope(new KmsDataKeys(tenant.client(stack)));
    KeyReference key = new KeyReference(tenant.vaultId(), tenant.keyId());
    double raw = 0;
    double sealed = 0;
    for (int round = 0; round < rounds; round++) {
      raw = Math.max(raw, raw(bytes));
      long start = System.nanoTime();
      envelope.encrypt(
          key,
          Map.of("bench", "envelope"),
          new GeneratedStream(bytes),
          OutputStream.nullOutputStream());
      sealed = Math.max(sealed, mbPerSecond(bytes, System.nanoTime() - start));
    }
    return new Comparison(
        NAME + " vs raw AES-256-GCM",
        true,
        sealed,
        raw,
        "MB/s",
        TARGET,
        String.format(
            "%d MiB generated stream, default frames, data key from the KMS; best of %d rounds",
            bytes >> 20, rounds));
  }

  static double raw(long bytes) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
    byte[] in = new byte[CHUNK];
    byte[] out = new byte[CHUNK + 16];
    byte[] iv = new byte[12];
    long start = System.nanoTime();
    for (long done = 0, i = 0; done < bytes; done += CHUNK, i++) {
      iv[11] = (byte) i;
      iv[10] = (byte) (i >>> 8);
      iv[9] = (byte) (i >>> 16);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      cipher.doFinal(in, 0, (int) Math.min(CHUNK, bytes - done), out, 0);
    }
    return mbPerSecond(bytes, System.nanoTime() - start);
  }

  static double mbPerSecond(long bytes, long nanos) {
    return bytes / 1e6 / (nanos / 1e9);
  }
}
