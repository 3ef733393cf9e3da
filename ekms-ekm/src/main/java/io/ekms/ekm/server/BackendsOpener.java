package io.ekms.ekm.server;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.secret.SecretRef;
import io.ekms.ekm.backend.KeyBackend;
import io.ekms.ekm.backend.pkcs11.Pkcs11KeyBackend;
import io.ekms.ekm.backend.pkcs11.Pkcs11Settings;
import io.ekms.ekm.backend.software.SoftwareKeyBackend;
import io.ekms.ekm.service.Backends;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opens the configured key backends at start-up: the software keystore always, the PKCS#11 token
 * when {@code pkcs11} is set. Anything wrong with either stops the start with a Misconfiguration.
 */
final class BackendsOpener {
  private BackendsOpener() {}

  /**
   * Opens the backends; {@code masterKey} (the software keystore's, from {@link KeystoreOpener}) is
   * owned by the software backend from then on and wiped when it closes.
   */
  static Backends open(EkmConfig config, SecretBytes masterKey, Map<String, String> env) {
    List<KeyBackend> opened = new ArrayList<>();
    try {
      opened.add(new SoftwareKeyBackend(masterKey));
      if (config.pkcs11() != null) {
        opened.add(new Pkcs11KeyBackend(settings(config.pkcs11(), env)));
      }
      return new Backends(opened, config.defaultBackend());
    } catch (RuntimeException e) {
      opened.forEach(KeyBackend::close);
      throw e;
    }
  }

  private static Pkcs11Settings settings(EkmConfig.Pkcs11 config, Map<String, String> env) {
    SecretRef pin = config.pin();
    return new Pkcs11Settings(
        config.library(),
        config.tokenLabel(),
        pin.resolve(env),
        Duration.ofSeconds(config.reconnectIntervalSeconds()));
  }
}
