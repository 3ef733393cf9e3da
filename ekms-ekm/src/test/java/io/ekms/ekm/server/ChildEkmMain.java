package io.ekms.ekm.server;

import io.ekms.core.http.Listener;
import java.nio.file.Path;
import java.util.Map;

/** Runs an EKM in a child JVM for crash tests; prints its ports, then serves until killed. */
public final class ChildEkmMain {
  private ChildEkmMain() {}

  public static void main(String[] args) throws Exception {
    EkmConfig config =
        EkmConfig.builder(Path.of(args[0]))
            .api(new Listener("127.0.0.1", 0))
            .admin(new Listener("127.0.0.1", 0))
            .tokens(new EkmConfig.Tokens(args[1], 60))
            .build();
    EkmServer server = EkmServer.start(config, Map.of());
    System.out.println("PORTS " + server.apiPort() + " " + server.adminPort());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
