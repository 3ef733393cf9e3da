package io.ekms.ekm.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.http.Listener;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap token {@code init} writes, over HTTPS: it enrolls the first security officer and
 * nothing else, and that enrolment retires it.
 */
class EkmBootstrapTest {
  private final Path dataDir = TempDirs.create("ekm-bootstrap-");
  private EkmServer server;
  private RawHttps admin;
  private String bootstrap;

  @BeforeEach
  void start() throws Exception {
    EkmConfig config =
        EkmConfig.builder(dataDir)
            .api(new Listener("127.0.0.1", 0))
            .admin(new Listener("127.0.0.1", 0))
            .tokens(new EkmConfig.Tokens("https://ekm.bootstrap.test/", 60))
            .build();
    bootstrap = Files.readString(EkmInit.run(config, Map.of()).adminTokenFile()).trim();
    server = EkmServer.start(config, Map.of());
    admin = RawHttps.at("https://127.0.0.1:" + server.adminPort(), dataDir.resolve("tls/ca.pem"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RawHttps.Answer enroll(String by, String name, String role) throws Exception {
    return admin.post("/admin/v1/administrators", by, Map.of("name", name, "roles", List.of(role)));
  }

  @Test
  void bootstrap_anythingButEnrollingAnOfficer_is403() throws Exception {
    RawHttps.Answer vaults = admin.get("/admin/v1/vaults", bootstrap);
    RawHttps.Answer auditor = enroll(bootstrap, "dave", "auditor");

    assertThat(vaults.status()).isEqualTo(403);
    assertThat(vaults.code()).isEqualTo("AdminRoleRequired");
    assertThat(auditor.status()).isEqualTo(403);
    assertThat(auditor.text()).contains("only create the first security officer");
  }

  @Test
  void bootstrap_enrollsTheFirstOfficer_thenIsRetired() throws Exception {
    RawHttps.Answer alice = enroll(bootstrap, "alice", "security-officer");
    String aliceToken = alice.body().path("token").asText();

    RawHttps.Answer again = enroll(bootstrap, "bob", "security-officer");
    RawHttps.Answer whoami = admin.get("/admin/v1/whoami", aliceToken);
    RawHttps.Answer list = admin.get("/admin/v1/administrators", aliceToken);

    assertThat(alice.status()).as(alice.text()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(401);
    assertThat(again.text()).contains("bootstrap token was retired");
    assertThat(whoami.body().path("name").asText()).isEqualTo("alice");
    assertThat(list.text()).doesNotContain(aliceToken).doesNotContain("token");
  }
}
