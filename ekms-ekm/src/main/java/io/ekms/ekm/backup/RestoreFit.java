package io.ekms.ekm.backup;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.KeyCheck;
import io.ekms.ekm.backend.software.MasterKey;
import io.ekms.ekm.server.EkmConfig;
import java.util.Base64;
import java.util.Map;

/**
 * Whether the target's configuration can serve what a backup holds, checked before anything is
 * written: the same kind of keystore (and, for a passphrase keystore, a passphrase that opens it),
 * and the HSM token the backup's HSM-held key versions live in.
 */
final class RestoreFit {
  /** The count of passphrase keystores made before the count was stored (PassphraseKey's). */
  private static final int LEGACY_ITERATIONS = 600_000;

  private RestoreFit() {}

  static void check(
      EkmConfig config, Map<String, String> env, BackupManifest manifest, BackupPayload payload) {
    TableRows meta = payload.table(EkmTables.META);
    Object check = meta.lookup("name", "master_check", "meta_value");
    if (BackupManifest.KEY_FILE.equals(manifest.keystore())) {
      if (config.keystore().passphrase() != null) {
        throw BackupRefusedException.refused(
            "this backup holds a key-file keystore but the target is configured with a keystore"
                + " passphrase; configure keystore.masterKeyFile instead.");
      }
      if (payload.masterKey() == null
          || (check != null && !opens(SecretBytes.copyOf(payload.masterKey()), check))) {
        throw BackupRefusedException.notAuthentic(
            "the backup's master key does not open its own keystore.");
      }
    } else {
      checkPassphrase(config, env, meta, check);
    }
    hsm(config, manifest);
  }

  private static void checkPassphrase(
      EkmConfig config, Map<String, String> env, TableRows meta, Object check) {
    if (config.keystore().passphrase() == null) {
      throw BackupRefusedException.refused(
          "this backup holds a passphrase keystore; configure keystore.passphrase on the target"
              + " with the passphrase it was made with.");
    }
    Object salt = meta.lookup("name", "kdf_salt", "meta_value");
    if (check == null || salt == null) {
      return;
    }
    Object stored = meta.lookup("name", "kdf_iterations", "meta_value");
    int iterations;
    try {
      iterations = stored == null ? LEGACY_ITERATIONS : Integer.parseInt((String) stored);
    } catch (RuntimeException e) {
      throw BackupRefusedException.notAuthentic("the backup's keystore settings are malformed.");
    }
    byte[] saltBytes = Base64.getDecoder().decode((String) salt);
    try (SecretBytes passphrase = config.keystore().passphrase().resolve(env)) {
      if (!opens(MasterKey.fromPassphrase(passphrase, saltBytes, iterations), check)) {
        throw BackupRefusedException.refused(
            "the configured keystore passphrase does not open this backup's keystore.");
      }
    }
  }

  private static boolean opens(SecretBytes key, Object check) {
    try (key) {
      return KeyCheck.matches(key, (String) check);
    }
  }

  private static void hsm(EkmConfig config, BackupManifest manifest) {
    String label = manifest.hsmTokenLabel();
    if (label == null) {
      return;
    }
    if (config.pkcs11() == null) {
      throw BackupRefusedException.refused(
          "this backup names key versions held in HSM token \""
              + label
              + "\"; configure the pkcs11 section for that token on the target first.");
    }
    if (!config.pkcs11().tokenLabel().equals(label)) {
      throw BackupRefusedException.refused(
          "this backup names key versions held in HSM token \""
              + label
              + "\" but the target is configured for token \""
              + config.pkcs11().tokenLabel()
              + "\".");
    }
  }
}
