package io.ekms.stack;

import io.ekms.core.http.Listener;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmConfigBuilder;
import io.ekms.identity.server.IdentityConfig;
import io.ekms.identity.server.IdentityConfigBuilder;
import io.ekms.kms.server.KmsConfig;
import io.ekms.kms.server.KmsConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** The three servers' configurations of a {@link LoopbackStack}: defaults, on loopback. */
record StackConfigs(IdentityConfig identity, EkmConfig ekm, KmsConfig kms) {
  /** A caller's changes on top of the loopback defaults, one per server. */
  record Changes(
      UnaryOperator<IdentityConfigBuilder> identity,
      UnaryOperator<EkmConfigBuilder> ekm,
      UnaryOperator<KmsConfigBuilder> kms) {
    static final Changes NONE =
        new Changes(UnaryOperator.identity(), UnaryOperator.identity(), UnaryOperator.identity());
  }

  /**
   * The EKM's audience is its own origin, so its API port must be known before it starts: an
   * ephemeral one is chosen here.
   */
  static StackConfigs loopback(Path dir, StackPorts ports, Changes changes) {
    int ekmPort = ports.ekm() == 0 ? freePort() : ports.ekm();
    Path caFile = dir.resolve("tls/ca.pem");
    IdentityConfig identity =
        changes
            .identity()
            .apply(
                IdentityConfig.builder(dir.resolve("identity"))
                    .api(loopback(ports.identity()))
                    .admin(loopback(ports.identityAdmin())))
            .build();
    EkmConfig ekm =
        changes
            .ekm()
            .apply(
                EkmConfig.builder(dir.resolve("ekm"))
                    .api(loopback(ekmPort))
                    .admin(loopback(ports.ekmAdmin()))
                    // A test deleting a key need not wait 30 days; the tests of the waiting
                    // period, and the quickstart, set their own.
                    .keyDeletion(new EkmConfig.KeyDeletion(0, null)))
            .build();
    KmsConfig kms =
        changes
            .kms()
            .apply(
                KmsConfig.builder(dir.resolve("kms"))
                    .api(loopback(ports.kms()))
                    .admin(loopback(ports.kmsAdmin()))
                    .ekm(new KmsConfig.Ekm(null, null, List.of(caFile.toString())))
                    // Everything runs on this machine: the EKM and identity are on loopback.
                    .egress(KmsConfig.Egress.loopbackOnly()))
            .build();
    return new StackConfigs(identity, ekm, kms);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  private static Listener loopback(int port) {
    return new Listener("127.0.0.1", port);
  }
}
