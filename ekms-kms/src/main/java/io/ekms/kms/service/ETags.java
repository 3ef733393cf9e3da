package io.ekms.kms.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Entity tags: a digest of a resource's id and last update time, so any change gives a new tag.
 * {@code if-match} with a stale tag is 412 NoEtagMatch; {@code *} or no header always matches.
 */
public final class ETags {
  private ETags() {}

  public static String of(String id, Instant updated) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest((id + "@" + updated.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void check(String ifMatch, String current) {
    if (ifMatch != null
        && !ifMatch.equals("*")
        && !ifMatch.equals(current)
        && !ifMatch.equals("\"" + current + "\"")) {
      throw KmsError.NO_ETAG_MATCH.error("The resource changed since you read it (if-match).");
    }
  }
}
