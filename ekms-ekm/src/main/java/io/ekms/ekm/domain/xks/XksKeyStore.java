package io.ekms.ekm.domain.xks;

import io.ekms.common.secret.SecretBytes;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One XKS key store: a URI path prefix (without leading or trailing slash; may be empty), a rate
 * limit (requests a second, 0 = none), its SigV4 credentials and the EKM keys it exposes.
 */
public record XksKeyStore(
    String id,
    String name,
    String uriPrefix,
    int ratePerSecond,
    List<Credential> credentials,
    List<ExposedKey> keys) {
  private static final Pattern PREFIX = Pattern.compile("[a-zA-Z0-9/_-]{0,128}");
  private static final Pattern AKID = Pattern.compile("[A-Z2-7]{20,30}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  /** A SigV4 credential; the secret stays sealed under the master key until a request needs it. */
  public record Credential(String accessKeyId, String sealedSecret) {
    @Override
    public String toString() {
      return "Credential[" + accessKeyId + ", [REDACTED]]";
    }
  }

  /** An EKM key exposed under an external key id, with what the key store may do with it. */
  public record ExposedKey(String externalKeyId, String vaultId, String keyId, XksUsage usage) {}

  public XksKeyStore {
    Objects.requireNonNull(id);
    credentials = List.copyOf(credentials);
    keys = List.copyOf(keys);
  }

  public static boolean validPrefix(String prefix) {
    return PREFIX.matcher(prefix).matches()
        && !prefix.startsWith("/")
        && !prefix.endsWith("/")
        && !prefix.contains("//");
  }

  public static boolean validAccessKeyId(String akid) {
    return akid != null && AKID.matcher(akid).matches();
  }

  /** Whether {@code secret} is 43 to 64 of {@code [A-Za-z0-9+/=]}, as AWS secret keys are. */
  public static boolean validSecret(SecretBytes secret) {
    return secret != null && secret.reveal(XksKeyStore::secretForm);
  }

  private static boolean secretForm(byte[] secret) {
    if (secret.length < 43 || secret.length > 64) {
      return false;
    }
    for (byte c : secret) {
      boolean allowed =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || c == '=';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  public static boolean validExternalKeyId(String id) {
    return id != null && EXTERNAL_ID.matcher(id).matches();
  }

  /** The path every operation of this store starts with, such as {@code /p/kms/xks/v1}. */
  public String basePath() {
    return (uriPrefix.isEmpty() ? "" : "/" + uriPrefix) + "/kms/xks/v1";
  }
}
