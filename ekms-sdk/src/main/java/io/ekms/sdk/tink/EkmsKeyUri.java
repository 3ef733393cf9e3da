package io.ekms.sdk.tink;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Tink key URI naming an ekms key: {@code ekms://vaults/<vault OCID>/keys/<key OCID>}. The vault
 * is part of the URI because a key is used through its vault's crypto endpoint.
 */
public record EkmsKeyUri(String vaultId, String keyId) {
  /** Every ekms key URI starts with this. */
  public static final String PREFIX = "ekms://";

  private static final Pattern SHAPE =
      Pattern.compile(
          "ekms://vaults/(ocid1\\.vault\\.[a-z0-9.-]{1,200})/keys/(ocid1\\.key\\.[a-z0-9.-]{1,200})");

  /**
   * @throws IllegalArgumentException when {@code uri} is not an ekms key URI
   */
  public static EkmsKeyUri parse(String uri) {
    Matcher m = uri == null ? null : SHAPE.matcher(uri);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(
          "not an ekms key URI (ekms://vaults/<vault OCID>/keys/<key OCID>)");
    }
    return new EkmsKeyUri(m.group(1), m.group(2));
  }

  /** The URI of {@code keyId} in {@code vaultId}. */
  public static String of(String vaultId, String keyId) {
    return parse(PREFIX + "vaults/" + vaultId + "/keys/" + keyId).toString();
  }

  @Override
  public String toString() {
    return PREFIX + "vaults/" + vaultId + "/keys/" + keyId;
  }
}
