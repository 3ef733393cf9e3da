package io.ekms.ekm.backup;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a backup file holds, readable without its key ({@code ekms ekm backup inspect}) and
 * authenticated with the payload (it is part of the AES-GCM associated data).
 *
 * @param formatVersion the file format, {@link BackupFile#VERSION}
 * @param createdAt when the backup was made, ISO-8601 UTC
 * @param node the host name of the machine that made it
 * @param ekmsVersion the version of ekms that made it
 * @param keySource {@code file} (a backup key file) or {@code shares} (Shamir shares)
 * @param shareThreshold how many shares rebuild the key, when {@code keySource} is {@code shares}
 * @param shareCount how many shares were printed, when {@code keySource} is {@code shares}
 * @param keystore {@code keyFile} (the master key is in the payload) or {@code passphrase} (it is
 *     not: the restored EKM needs the same passphrase)
 * @param hsmTokenLabel the PKCS#11 token holding the HSM-held key versions, which the backup names
 *     by label only; null when there are none
 * @param counts rows per table in the payload, plus {@code hsmKeyVersions}
 * @param payloadSha256 SHA-256 of the payload before encryption, hex
 */
public record BackupManifest(
    int formatVersion,
    String createdAt,
    String node,
    String ekmsVersion,
    String keySource,
    Integer shareThreshold,
    Integer shareCount,
    String keystore,
    String hsmTokenLabel,
    Map<String, Integer> counts,
    String payloadSha256) {
  public static final String KEY_FILE = "keyFile";
  public static final String PASSPHRASE = "passphrase";

  public BackupManifest {
    counts = counts == null ? Map.of() : new TreeMap<>(counts);
  }

  /** The manifest, once the payload it describes is known. */
  BackupManifest withPayload(Map<String, Integer> payloadCounts, String sha256) {
    return new BackupManifest(
        formatVersion,
        createdAt,
        node,
        ekmsVersion,
        keySource,
        shareThreshold,
        shareCount,
        keystore,
        hsmTokenLabel,
        payloadCounts,
        sha256);
  }
}
