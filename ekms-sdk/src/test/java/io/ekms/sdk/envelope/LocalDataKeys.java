package io.ekms.sdk.envelope;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.AuthenticationFailedException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A KMS in memory: data keys wrapped with AES-256-GCM under one master key, with the key reference
 * and the canonical context as AAD, as the real KMS binds its associatedData. Deterministic when
 * given a fixed randomness source, which the frozen test vectors rely on.
 */
final class LocalDataKeys implements DataKeyProvider {
  private final byte[] master;
  private final RandomSource random;

  LocalDataKeys(byte[] master, RandomSource random) {
    this.master = master.clone();
    this.random = random;
  }

  static LocalDataKeys random() {
    RandomSource random = RandomSource.secure();
    byte[] master = new byte[32];
    random.nextBytes(master);
    return new LocalDataKeys(master, random);
  }

  @Override
  public DataKey generate(KeyReference key, Map<String, String> context) {
    byte[] dek = new byte[32];
    byte[] iv = new byte[AesGcm.IV_BYTES];
    random.nextBytes(dek);
    random.nextBytes(iv);
    byte[] sealed = AesGcm.seal(master, iv, dek, aad(key, context));
    byte[] wrapped = Arrays.copyOf(iv, iv.length + sealed.length);
    System.arraycopy(sealed, 0, wrapped, iv.length, sealed.length);
    return new DataKey(SecretBytes.adopt(dek), wrapped);
  }

  @Override
  public SecretBytes unwrap(KeyReference key, byte[] wrapped, Map<String, String> context) {
    if (wrapped.length < AesGcm.IV_BYTES) {
      throw new InvalidEnvelopeException("The wrapped key is malformed.");
    }
    try {
      return SecretBytes.adopt(
          AesGcm.open(
              master,
              Arrays.copyOf(wrapped, AesGcm.IV_BYTES),
              Arrays.copyOfRange(wrapped, AesGcm.IV_BYTES, wrapped.length),
              aad(key, context)));
    } catch (AuthenticationFailedException e) {
      throw new InvalidEnvelopeException("The KMS refused the wrapped key.", e);
    }
  }

  private static byte[] aad(KeyReference key, Map<String, String> context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((key.vaultId() + "/" + key.keyId() + "\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(EncryptionContext.encode(context));
    return out.toByteArray();
  }
}
