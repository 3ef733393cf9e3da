package io.ekms.ekm.domain.gcp;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One Google Cloud EKM key store: a URI path prefix (without leading or trailing slash; may be
 * empty), the OIDC issuer whose ID tokens it accepts (exact {@code iss}, its JWKS URL and, for a
 * private issuer, the CA certificates to fetch it with), the audiences a token may name, a rate
 * limit (requests a second, 0 = none), the access reasons it refuses, the service accounts allowed
 * to call it and the EKM keys it exposes by name.
 */
public record GcpKeyStore(
    String id,
    String name,
    String uriPrefix,
    String issuer,
    String jwksUrl,
    String caBundlePem,
    List<String> audiences,
    int ratePerSecond,
    Set<AccessReason> deniedReasons,
    List<String> serviceAccounts,
    List<ExposedKey> keys) {
  /** Google's issuer of ID tokens and its JWKS: the defaults of a new key store. */
  public static final String GOOGLE_ISSUER = "https://accounts.google.com";

  public static final String GOOGLE_JWKS = "https://www.googleapis.com/oauth2/v3/certs";
  private static final Pattern PREFIX = Pattern.compile("[a-zA-Z0-9/_-]{0,128}");
  private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,24}");
  private static final Pattern AUDIENCE = Pattern.compile("[\\x21-\\x7e]{1,512}");

  /** An EKM key exposed to Google under {@code keyName}. */
  public record ExposedKey(String keyName, String vaultId, String keyId) {}

  public GcpKeyStore {
    Objects.requireNonNull(id);
    audiences = List.copyOf(audiences);
    deniedReasons = Set.copyOf(deniedReasons);
    serviceAccounts = List.copyOf(serviceAccounts);
    keys = List.copyOf(keys);
  }

  public static boolean validPrefix(String prefix) {
    return prefix != null
        && PREFIX.matcher(prefix).matches()
        && !prefix.startsWith("/")
        && !prefix.endsWith("/")
        && !prefix.contains("//");
  }

  public static boolean validKeyName(String name) {
    return name != null && KEY_NAME.matcher(name).matches();
  }

  /** A service account e-mail as stored: lower case, {@code local@domain.tld}. */
  public static String normalEmail(String email) {
    if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
      return null;
    }
    return email.toLowerCase(Locale.ROOT);
  }

  public static boolean validAudience(String audience) {
    return audience != null && AUDIENCE.matcher(audience).matches();
  }

  /** Whether {@code email} (any case) is one of the allowed service accounts. */
  public boolean allows(String email) {
    return email != null && serviceAccounts.contains(email.toLowerCase(Locale.ROOT));
  }

  /** The path every operation of this store starts with: {@code /<prefix>/v0} or {@code /v0}. */
  public String basePath() {
    return (uriPrefix.isEmpty() ? "" : "/" + uriPrefix) + "/v0";
  }

  @Override
  public String toString() {
    return "GcpKeyStore[" + id + ", " + name + ", /" + uriPrefix + "]";
  }
}
