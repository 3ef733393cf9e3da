package io.ekms.ekm.server;

import io.ekms.core.http.Listener;
import java.util.Map;

/** Runs an EKM in a child JVM for crash tests; prints its ports, then serves until killed. */
public final class ChildEkmMain {
  private ChildEkmMain() {}

  public static void main(String[] args) throws Exception {
    EkmConfig config =
        new EkmConfig(
            args[0],
            new Listener("127.0.0.1", 0),
            new Listener("127.0.0.1", 0),
            null,
            null,
            null,
            new EkmConfig.Tokens(args[1], 60),
            null,
            null,
            null,
            null,
            null,
            null);
    EkmServer server = EkmServer.start(config, Map.of());
    System.out.println("PORTS " + server.apiPort() + " " + server.adminPort());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
