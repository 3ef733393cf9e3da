package io.ekms.sdk;

import io.ekms.sdk.model.Key;
import io.ekms.sdk.model.KeyVersion;
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

  /** Enables a disabled key. */
  public Key enableKey(String keyId) {
    return client.post(key(keyId) + "/actions/enable", Map.of()).as(Key.class);
  }

  /** Disables a key: it refuses crypto until enabled again. */
  public Key disableKey(String keyId) {
    return client.post(key(keyId) + "/actions/disable", Map.of()).as(Key.class);
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
    return client
        .get(key(keyId) + "/keyVersions/" + KmsClient.path(keyVersionId))
        .as(KeyVersion.class);
  }

  /** Every version of a key. */
  public List<KeyVersion> listKeyVersions(String keyId) {
    return client.list(key(keyId) + "/keyVersions", KeyVersion[].class);
  }

  private String key(String keyId) {
    return base + "/keys/" + KmsClient.path(keyId);
  }
}
