package io.ekms.sdk;

import io.ekms.sdk.model.Key;
import io.ekms.sdk.model.KeyVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Keys and key versions of one vault, at its management endpoint. Obtained from {@link
 * KmsClient#management(String)}; thread-safe.
 */
public final class KmsManagement {
  private final KmsClient client;
  private final String base;

  KmsManagement(KmsClient client, String base) {
    this.client = client;
    this.base = base;
  }

  /** Creates a key; for ekms, a reference to an EKM key that the KMS checks first. */
  public Key createKey(Key.Create details) {
    return client.post(base + "/keys", details).as(Key.class);
  }

  /** The key {@code keyId}. */
  public Key getKey(String keyId) {
    return client.get(key(keyId)).as(Key.class);
  }

  /** Every key of the vault in {@code compartmentId}. */
  public List<Key> listKeys(String compartmentId) {
    return client.list(base + "/keys?compartmentId=" + KmsClient.query(compartmentId), Key[].class);
  }

  /** Renames the key {@code keyId}. */
  public Key updateKey(String keyId, String displayName) {
    return client.put(key(keyId), new KmsClient.Rename(displayName)).as(Key.class);
  }

  /** Enables a disabled key. */
  public Key enableKey(String keyId) {
    return client.post(key(keyId) + "/actions/enable", Map.of()).as(Key.class);
  }

  /** Disables a key: it refuses crypto until enabled again. */
  public Key disableKey(String keyId) {
    return client.post(key(keyId) + "/actions/disable", Map.of()).as(Key.class);
  }

  /**
   * Schedules the key's deletion: it moves to {@code PENDING_DELETION} and refuses crypto; {@code
   * timeOfDeletion} null lets the KMS choose its default delay. The EKM key is not touched.
   */
  public Key scheduleKeyDeletion(String keyId, Instant timeOfDeletion) {
    return client
        .post(
            key(keyId) + "/actions/scheduleDeletion", KmsClient.ScheduleDeletion.at(timeOfDeletion))
        .as(Key.class);
  }

  /** Cancels a scheduled key deletion; the key returns to the state it had before. */
  public Key cancelKeyDeletion(String keyId) {
    return client.post(key(keyId) + "/actions/cancelDeletion", Map.of()).as(Key.class);
  }

  /**
   * Adds a key version bound to the EKM key's current version (rotate in the EKM first); the new
   * version becomes current.
   */
  public KeyVersion createKeyVersion(String keyId) {
    return client.post(key(keyId) + "/keyVersions", Map.of()).as(KeyVersion.class);
  }

  /** One key version. */
  public KeyVersion getKeyVersion(String keyId, String keyVersionId) {
    return client.get(version(keyId, keyVersionId)).as(KeyVersion.class);
  }

  /**
   * Schedules a key version's deletion: it moves to {@code PENDING_DELETION} and decrypts nothing
   * more; {@code timeOfDeletion} null lets the KMS choose its default delay. The key's current
   * version cannot be deleted. The EKM key version is not touched.
   */
  public KeyVersion scheduleKeyVersionDeletion(
      String keyId, String keyVersionId, Instant timeOfDeletion) {
    return client
        .post(
            version(keyId, keyVersionId) + "/actions/scheduleDeletion",
            KmsClient.ScheduleDeletion.at(timeOfDeletion))
        .as(KeyVersion.class);
  }

  /** Cancels a scheduled key version deletion: the version is {@code ENABLED} again. */
  public KeyVersion cancelKeyVersionDeletion(String keyId, String keyVersionId) {
    return client
        .post(version(keyId, keyVersionId) + "/actions/cancelDeletion", Map.of())
        .as(KeyVersion.class);
  }

  /** Every version of a key. */
  public List<KeyVersion> listKeyVersions(String keyId) {
    return client.list(key(keyId) + "/keyVersions", KeyVersion[].class);
  }

  private String key(String keyId) {
    return base + "/keys/" + KmsClient.path(keyId);
  }

  private String version(String keyId, String keyVersionId) {
    return key(keyId) + "/keyVersions/" + KmsClient.path(keyVersionId);
  }
}
