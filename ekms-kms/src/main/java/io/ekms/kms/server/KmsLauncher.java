package io.ekms.kms.server;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.tls.Pem;
import io.ekms.kms.egress.EgressPolicy;
import io.ekms.kms.ekmclient.EkmClientConfig;
import io.ekms.kms.ekmclient.EkmClients;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Starts a KMS with its real EKM client, as {@code ekms kms serve} and the quickstart do. */
public final class KmsLauncher {
  private KmsLauncher() {}

  /** {@code extraRoutes}: routes served beside the KMS API (the embedded identity server). */
  public static KmsServer start(
      KmsConfig config, Map<String, String> env, Consumer<HttpRouting.Builder> extraRoutes) {
    return start(config, env, extraRoutes, java.time.Clock.systemUTC());
  }

  /** As above, with the EKM client's access tokens aged on {@code tokenClock} (test stacks). */
  public static KmsServer start(
      KmsConfig config,
      Map<String, String> env,
      Consumer<HttpRouting.Builder> extraRoutes,
      java.time.Clock tokenClock) {
    // One policy for the API's checks and the EKM client's, so both see the same listeners.
    EgressPolicy egress = config.egress().policy();
    EkmClients clients =
        new EkmClients(
            new EkmClientConfig(
                Duration.ofMillis(config.ekm().connectTimeoutMillis()),
                Duration.ofMillis(config.ekm().readTimeoutMillis()),
                EkmClientConfig.DEFAULT_TOKEN_REFRESH_MARGIN),
            egress,
            identityCas(config),
            tokenClock);
    try {
      return KmsServer.start(config, env, new KmsParts(clients, egress, extraRoutes), clients);
    } catch (RuntimeException e) {
      clients.close();
      throw e;
    }
  }

  private static List<X509Certificate> identityCas(KmsConfig config) {
    List<X509Certificate> out = new ArrayList<>();
    for (String file : config.ekm().identityCaFiles()) {
      try {
        out.addAll(Pem.certificates(Path.of(file)));
      } catch (IOException | IllegalArgumentException e) {
        throw new Misconfiguration(
            "cannot read identity CA file " + file + " (ekm.identityCaFiles).");
      }
    }
    return out;
  }
}
