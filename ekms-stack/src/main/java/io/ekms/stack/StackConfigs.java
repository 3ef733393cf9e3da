package io.ekms.stack;

import io.ekms.core.http.Listener;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.identity.server.IdentityConfig;
import io.ekms.kms.server.KmsConfig;
import java.nio.file.Path;
import java.util.List;

/** The three servers' configurations of a {@link LoopbackStack}: defaults, on loopback. */
record StackConfigs(IdentityConfig identity, EkmConfig ekm, KmsConfig kms) {
  static StackConfigs loopback(Path dir, StackPorts ports) {
    Path caFile = dir.resolve("tls/ca.pem");
    IdentityConfig identity =
        new IdentityConfig(
            dir.resolve("identity").toString(),
            loopback(ports.identity()),
            loopback(ports.identityAdmin()),
            null,
            null,
            null,
            null,
            null,
            null);
    EkmConfig ekm =
        new EkmConfig(
            dir.resolve("ekm").toString(),
            loopback(ports.ekm()),
            loopback(ports.ekmAdmin()),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    KmsConfig kms =
        new KmsConfig(
            dir.resolve("kms").toString(),
            loopback(ports.kms()),
            loopback(ports.kmsAdmin()),
            null,
            null,
            null,
            null,
            new KmsConfig.Ekm(null, null, List.of(caFile.toString())),
            null,
            null,
            // Everything runs on this machine: the EKM and identity are on loopback.
            KmsConfig.Egress.loopbackOnly());
    return new StackConfigs(identity, ekm, kms);
  }

  private static Listener loopback(int port) {
    return new Listener("127.0.0.1", port);
  }
}
