package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.config.Misconfiguration;
import io.ekms.core.config.ConfigLoader;
import io.ekms.kms.egress.EgressDenied;
import io.ekms.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The egress section: YAML, environment overrides, defaults and mistakes. */
class KmsConfigEgressTest {
  static KmsConfig load(String yaml, Map<String, String> env) throws Exception {
    Path file = null;
    if (yaml != null) {
      file = TempDirs.create("kms-config-").resolve("kms.yaml");
      Files.writeString(file, yaml);
    }
    return ConfigLoader.load(file, KmsConfig.class, "EKMS_KMS", env);
  }

  @Test
  void load_nothing_refusesLoopbackAndMetadataButAllowsOtherAddresses() throws Exception {
    KmsConfig.Egress egress = load(null, Map.of()).egress();

    assertThat(egress.privateEndpointCidrs()).isEmpty();
    assertThat(egress.identityHosts()).isEmpty();
    assertThat(egress.allowLoopback()).isFalse();
    var policy = egress.policy();
    policy.checkPrivateEndpoint("10.1.2.3", 443);
    policy.checkIdentity("203.0.113.8", 443);
    for (String host : List.of("127.0.0.1", "169.254.169.254", "fd00:ec2::254", "::1")) {
      assertThatThrownBy(() -> policy.checkPrivateEndpoint(host, 443))
          .isInstanceOf(EgressDenied.class);
    }
  }

  @Test
  void load_yaml_readsTheLists() throws Exception {
    KmsConfig.Egress egress =
        load(
                """
                egress:
                  privateEndpointCidrs: [10.20.0.0/16, "fd12:3456::/32"]
                  identityHosts: ["*.identity.oraclecloud.com"]
                  allowLoopback: true
                """,
                Map.of())
            .egress();

    assertThat(egress.privateEndpointCidrs()).containsExactly("10.20.0.0/16", "fd12:3456::/32");
    assertThat(egress.identityHosts()).containsExactly("*.identity.oraclecloud.com");
    assertThat(egress.allowLoopback()).isTrue();
  }

  @Test
  void load_environment_overridesWithCommaSeparatedLists() throws Exception {
    KmsConfig.Egress egress =
        load(
                "egress: {privateEndpointCidrs: [192.168.0.0/16]}",
                Map.of(
                    "EKMS_KMS_EGRESS__PRIVATE_ENDPOINT_CIDRS", "10.0.0.0/8, fd00::/8",
                    "EKMS_KMS_EGRESS__IDENTITY_HOSTS", "idp.example.com",
                    "EKMS_KMS_EGRESS__ALLOW_LOOPBACK", "true"))
            .egress();

    assertThat(egress.privateEndpointCidrs()).containsExactly("10.0.0.0/8", "fd00::/8");
    assertThat(egress.identityHosts()).containsExactly("idp.example.com");
    assertThat(egress.allowLoopback()).isTrue();
  }

  @Test
  void load_publicUrlWithoutHost_isAMisconfiguration() {
    // The public URL's host and port count as the KMS's own, so it must name one.
    assertThatThrownBy(() -> load("publicUrl: \"https:// kms\"", Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining("publicUrl");
  }

  @Test
  void load_badRangeOrHost_isAMisconfigurationNamingTheEntry() {
    assertThatThrownBy(
            () -> load(null, Map.of("EKMS_KMS_EGRESS__PRIVATE_ENDPOINT_CIDRS", "10.0.0.1/8")))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining("egress")
        .hasMessageContaining("10.0.0.1/8");
    assertThatThrownBy(() -> load("egress: {identityHosts: [2852039166]}", Map.of()))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining("2852039166");
  }
}
