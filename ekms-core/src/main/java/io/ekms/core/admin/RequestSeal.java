package io.ekms.core.admin;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.AuthenticationFailedException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the body of a held request (it may carry a secret, such as a new XKS credential's) under a
 * key derived from the server's master key, bound to the request's id; a body moved to another
 * request does not open.
 */
public final class RequestSeal {
  private static final byte[] LABEL =
      "ekms held admin request bodies v1".getBytes(StandardCharsets.US_ASCII);
  private final SecretBytes key;

  private RequestSeal(SecretBytes key) {
    this.key = key;
  }

  /** The seal of {@code masterKey}'s requests (a derived key; the master key is not kept). */
  public static RequestSeal of(SecretBytes masterKey) {
    return new RequestSeal(SecretBytes.adopt(masterKey.reveal(RequestSeal::derive)));
  }

  String seal(String requestId, byte[] body) {
    byte[] iv = AesGcm.newIv();
    byte[] sealed = key.reveal(k -> AesGcm.seal(k, iv, body, aad(requestId)));
    byte[] out = Arrays.copyOf(iv, iv.length + sealed.length);
    System.arraycopy(sealed, 0, out, iv.length, sealed.length);
    return Base64.getEncoder().encodeToString(out);
  }

  byte[] open(String requestId, String sealed) {
    byte[] all = Base64.getDecoder().decode(sealed);
    byte[] iv = Arrays.copyOf(all, AesGcm.IV_BYTES);
    byte[] rest = Arrays.copyOfRange(all, AesGcm.IV_BYTES, all.length);
    return key.reveal(
        k -> {
          try {
            return AesGcm.open(k, iv, rest, aad(requestId));
          } catch (AuthenticationFailedException e) {
            throw new IllegalStateException("a held request's body does not open", e);
          }
        });
  }

  private static byte[] aad(String requestId) {
    return requestId.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] derive(byte[] master) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(master, "HmacSHA256"));
      return mac.doFinal(LABEL);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "RequestSeal[REDACTED]";
  }
}
