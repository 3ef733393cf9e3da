package io.ekms.ekm.backup;

import io.ekms.common.secret.Wipe;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A backup key split among custodians as Shamir shares ({@link Shamir}), each one line of text:
 *
 * <pre>
 * ekms-share-1:KEYID:M:X:VALUE:CHECK
 *   KEYID  16 hex digits, the backup key's id: shares of two keys are never mixed
 *   M      the threshold, 2 to 255: how many shares rebuild the key
 *   X      this share's index, 1 to 255
 *   VALUE  64 hex digits, the 32 bytes of the share
 *   CHECK  8 hex digits, the first 4 bytes of SHA-256 over everything before ":CHECK",
 *          so a mistyped share is caught before it is used
 * </pre>
 *
 * After rebuilding, the key's id must be KEYID again, which catches a share that was altered and
 * given a new checksum.
 */
public final class KeyShares {
  private static final String PREFIX = "ekms-share-1";
  private static final int MAX_LINE = 200;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private KeyShares() {}

  /** One share, parsed and checked; {@code toString} leaves out its value. */
  private record Share(String keyId, int threshold, int index, byte[] value) {
    @Override
    public String toString() {
      return "Share[" + keyId + " " + index + "]";
    }
  }

  /** Splits {@code key} into {@code shares} lines of text, any {@code threshold} of which do. */
  public static List<String> split(BackupKey key, int shares, int threshold) {
    byte[][] values = key.reveal(k -> Shamir.split(k, shares, threshold, RANDOM));
    List<String> lines = new ArrayList<>(shares);
    for (int i = 0; i < shares; i++) {
      String body =
          PREFIX
              + ":"
              + key.id()
              + ":"
              + threshold
              + ":"
              + (i + 1)
              + ":"
              + HEX.formatHex(values[i]);
      lines.add(body + ":" + checksum(body));
      Wipe.bytes(values[i]);
    }
    return lines;
  }

  /**
   * Rebuilds the backup key from shares (blank lines ignored).
   *
   * @throws BackupRefusedException when a share is malformed or mistyped, the shares are of
   *     different keys, too few are given, or they do not rebuild their key
   */
  public static BackupKey combine(List<String> lines) {
    List<Share> shares = new ArrayList<>();
    int position = 0;
    for (String line : lines) {
      position++;
      if (!line.isBlank()) {
        shares.add(parse(line.strip(), position));
      }
    }
    if (shares.isEmpty()) {
      throw BackupRefusedException.notAuthentic("no backup key share was given.");
    }
    Share first = shares.get(0);
    int[] xs = new int[shares.size()];
    byte[][] ys = new byte[shares.size()][];
    for (int i = 0; i < shares.size(); i++) {
      Share s = shares.get(i);
      if (!s.keyId().equals(first.keyId()) || s.threshold() != first.threshold()) {
        throw BackupRefusedException.notAuthentic(
            "the shares belong to different backup keys ("
                + first.keyId()
                + " and "
                + s.keyId()
                + "); give shares of one key.");
      }
      for (int j = 0; j < i; j++) {
        if (xs[j] == s.index()) {
          throw BackupRefusedException.notAuthentic("share " + s.index() + " was given twice.");
        }
      }
      xs[i] = s.index();
      ys[i] = s.value();
    }
    if (shares.size() < first.threshold()) {
      throw BackupRefusedException.notAuthentic(
          first.threshold()
              + " shares of backup key "
              + first.keyId()
              + " are needed; "
              + shares.size()
              + (shares.size() == 1 ? " was given." : " were given."));
    }
    byte[] key = Shamir.combine(xs, ys);
    Wipe.bytes(ys);
    BackupKey rebuilt = BackupKey.adopt(key);
    if (!rebuilt.id().equals(first.keyId())) {
      rebuilt.close();
      throw BackupRefusedException.notAuthentic(
          "the shares do not rebuild backup key "
              + first.keyId()
              + " (one of them was altered or comes from another split).");
    }
    return rebuilt;
  }

  private static Share parse(String typed, int position) {
    String line = typed.toLowerCase(Locale.ROOT);
    String[] parts = line.length() > MAX_LINE ? new String[0] : line.split(":", -1);
    if (parts.length != 6 || !parts[0].equals(PREFIX)) {
      throw malformed(position);
    }
    String body = line.substring(0, line.lastIndexOf(':'));
    if (!MessageDigest.isEqual(
        checksum(body).getBytes(StandardCharsets.US_ASCII),
        parts[5].getBytes(StandardCharsets.US_ASCII))) {
      throw BackupRefusedException.notAuthentic(
          "share "
              + position
              + " has a wrong checksum (mistyped or altered); check it against the custodian's"
              + " copy.");
    }
    try {
      String keyId = parts[1];
      int threshold = Integer.parseInt(parts[2]);
      int index = Integer.parseInt(parts[3]);
      if (keyId.length() != 16
          || threshold < 2
          || threshold > Shamir.MAX_SHARES
          || index < 1
          || index > Shamir.MAX_SHARES
          || parts[4].length() != 2 * BackupKey.BYTES) {
        throw malformed(position);
      }
      HEX.parseHex(keyId);
      return new Share(keyId, threshold, index, HEX.parseHex(parts[4]));
    } catch (IllegalArgumentException e) {
      throw malformed(position);
    }
  }

  private static BackupRefusedException malformed(int position) {
    return BackupRefusedException.notAuthentic(
        "share " + position + " is not an ekms backup key share (ekms-share-1:...).");
  }

  private static String checksum(String body) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.US_ASCII));
      return HEX.formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
