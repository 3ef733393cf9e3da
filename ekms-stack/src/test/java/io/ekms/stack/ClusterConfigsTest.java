package io.ekms.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.config.ConfigLoader;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.kms.server.KmsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConfigsTest {
  private static final ClusterDatabase DB =
      new ClusterDatabase("jdbc:postgresql://127.0.0.1:5432/ekms", "ekms", "CLUSTER_DB_PASSWORD");

  @TempDir Path dir;

  @Test
  void writeEkm_secondNode_sharesKeyAndAudienceOnTheEkmSchema() throws Exception {
    Path node = Files.createDirectories(dir.resolve("ekm-2"));
    Path masterKey = dir.resolve("shared/ekm-master.key");

    Path yaml = ClusterConfigs.writeEkm(node, 8453, 8454, DB, masterKey, "https://127.0.0.1:8443/");
    EkmConfig config = ConfigLoader.load(yaml, EkmConfig.class, "EKMS_EKM", Map.of());

    assertThat(config.dataPath()).isEqualTo(node);
    assertThat(config.api().port()).isEqualTo(8453);
    assertThat(config.audience()).isEqualTo("https://127.0.0.1:8443/");
    assertThat(config.keystore().masterKeyFile()).isEqualTo(masterKey.toString());
    assertThat(config.database().jdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/ekms?currentSchema=ekms_ekm");
    assertThat(Files.readString(yaml)).contains("env: \"CLUSTER_DB_PASSWORD\"");
  }

  @Test
  void writeKms_firstNode_sharedKeyCaTrustedAndLoopbackEgressOnTheKmsSchema() throws Exception {
    Path node = Files.createDirectories(dir.resolve("kms-1"));
    Path masterKey = dir.resolve("shared/kms-master.key");
    Path ca = dir.resolve("tls/ca.pem");

    Path yaml = ClusterConfigs.writeKms(node, 9443, 9444, DB, masterKey, ca);
    KmsConfig config = ConfigLoader.load(yaml, KmsConfig.class, "EKMS_KMS", Map.of());

    assertThat(config.dataPath()).isEqualTo(node);
    assertThat(config.masterKeyFile()).isEqualTo(masterKey.toString());
    assertThat(config.ekm().identityCaFiles()).containsExactly(ca.toString());
    assertThat(config.egress().allowLoopback()).isTrue();
    assertThat(config.database().jdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/ekms?currentSchema=ekms_kms");
  }
}
