package io.ekms.ekm.console;

import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.KeyVersionState;
import io.ekms.ekm.domain.Vault;
import io.ekms.ekm.domain.VaultState;
import io.ekms.ekm.service.CallContext;
import java.util.List;

/**
 * The state changes of vaults, keys and versions, each with what its confirmation page says will
 * stop working. Destroying key material asks for the key's name to be typed.
 */
enum KeyActions {
  BLOCK_VAULT("BlockVault", "block-vault", "Block the vault", true, false, "vault-blocked"),
  UNBLOCK_VAULT(
      "UnblockVault", "unblock-vault", "Unblock the vault", false, false, "vault-unblocked"),
  DISABLE_KEY("disableKey", "disable-key", "Disable the key", true, false, "key-disabled"),
  ENABLE_KEY("enableKey", "enable-key", "Enable the key", false, false, "key-enabled"),
  ROTATE_KEY("RotateKey", "rotate-key", "Rotate the key", false, false, "key-rotated"),
  DELETE_KEY("deleteKey", "delete-key", "Delete the key", true, true, "key-deleted"),
  DISABLE_VERSION(
      "disableKeyVersion",
      "disable-version",
      "Disable the key version",
      true,
      false,
      "version-disabled"),
  ENABLE_VERSION(
      "enableKeyVersion",
      "enable-version",
      "Enable the key version",
      false,
      false,
      "version-enabled"),
  DESTROY_VERSION(
      "destroyKeyVersion",
      "destroy-version",
      "Destroy the key version",
      true,
      true,
      "version-destroyed");

  /** The admin API operation this action is, for roles and audit. */
  final String operation;

  final String slug;
  final String verb;
  final boolean danger;
  final boolean typeName;
  final String done;

  KeyActions(
      String operation, String slug, String verb, boolean danger, boolean typeName, String done) {
    this.operation = operation;
    this.slug = slug;
    this.verb = verb;
    this.danger = danger;
    this.typeName = typeName;
    this.done = done;
  }

  static KeyActions of(String slug) {
    for (KeyActions a : values()) {
      if (a.slug.equals(slug)) {
        return a;
      }
    }
    return null;
  }

  boolean onVault() {
    return this == BLOCK_VAULT || this == UNBLOCK_VAULT;
  }

  boolean onVersion() {
    return this == DISABLE_VERSION || this == ENABLE_VERSION || this == DESTROY_VERSION;
  }

  /** What the confirmation page says happens; {@code key} is null for vault actions. */
  List<String> consequences(Vault vault, Key key, int keysInVault, String versionId) {
    String k = key == null ? null : "'" + key.name() + "'";
    return switch (this) {
      case BLOCK_VAULT ->
          List.of(
              "Every call with any of the "
                  + keysInVault
                  + " keys of vault '"
                  + vault.name()
                  + "' is refused at once, on every protocol (OCI, AWS XKS, Google Cloud EKM).",
              "Data encrypted under those keys cannot be decrypted until the vault is unblocked.");
      case UNBLOCK_VAULT ->
          List.of("The enabled keys of vault '" + vault.name() + "' answer again.");
      case DISABLE_KEY ->
          List.of(
              "Every call with key " + k + " is refused at once, on every protocol.",
              "Data encrypted under it cannot be decrypted until it is enabled again.");
      case ENABLE_KEY -> List.of("Key " + k + " answers encrypt and decrypt calls again.");
      case ROTATE_KEY ->
          List.of(
              "Key " + k + " gets a new version; new encryptions use it.",
              "Data encrypted under older versions still decrypts.",
              "The KMS uses the new version once its key version is created there.");
      case DELETE_KEY ->
          List.of(
              "Key "
                  + k
                  + " is refused at once, and deleted after its waiting period (30 days"
                  + " unless the EKM is configured otherwise): every version is then destroyed.",
              "Until then the deletion can be cancelled; after it, data encrypted under the key"
                  + " can never be decrypted again.");
      case DISABLE_VERSION ->
          List.of(
              "Version " + versionId + " of key " + k + " is refused at once.",
              "Data encrypted under this version cannot be decrypted until it is enabled again.");
      case ENABLE_VERSION -> List.of("Version " + versionId + " of key " + k + " answers again.");
      case DESTROY_VERSION ->
          List.of(
              "The material of version " + versionId + " of key " + k + " is destroyed.",
              "Data encrypted under this version can never be decrypted again. This cannot be"
                  + " undone.");
    };
  }

  /** Does it, through the admin services. */
  void run(ConsoleServices s, CallContext ctx, String vaultId, String keyId, String versionId) {
    switch (this) {
      case BLOCK_VAULT -> s.vaults().setVaultState(ctx, vaultId, VaultState.BLOCKED);
      case UNBLOCK_VAULT -> s.vaults().setVaultState(ctx, vaultId, VaultState.ACTIVE);
      case DISABLE_KEY -> s.keys().setState(ctx, vaultId, keyId, KeyState.DISABLED);
      case ENABLE_KEY -> s.keys().setState(ctx, vaultId, keyId, KeyState.ACTIVE);
      case ROTATE_KEY -> s.keys().rotate(ctx, vaultId, keyId);
      case DELETE_KEY -> s.deletions().delete(ctx, vaultId, keyId, null).key();
      case DISABLE_VERSION ->
          s.versions().setState(ctx, vaultId, keyId, versionId, KeyVersionState.DISABLED);
      case ENABLE_VERSION ->
          s.versions().setState(ctx, vaultId, keyId, versionId, KeyVersionState.ACTIVE);
      case DESTROY_VERSION ->
          s.versions().setState(ctx, vaultId, keyId, versionId, KeyVersionState.DESTROYED);
    }
  }
}
