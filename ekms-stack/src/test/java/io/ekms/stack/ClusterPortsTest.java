package io.ekms.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterPortsTest {
  @Test
  void defaults_twoNodes_secondNodeTenAboveTheServersDefaults() {
    ClusterPorts ports = ClusterPorts.defaults(2);

    assertThat(ports.ports())
        .containsExactly(8445, 8446, 8443, 8444, 8453, 8454, 9443, 9444, 9453, 9454);
    assertThat(ports.ekm(1, true)).isEqualTo(8454);
    assertThat(ports.kms(1, false)).isEqualTo(9453);
  }

  @Test
  void from_base_identityThenEkmNodesThenKmsNodes() {
    ClusterPorts ports = ClusterPorts.from(20000, 2);

    assertThat(ports.identity()).isEqualTo(20000);
    assertThat(ports.identityAdmin()).isEqualTo(20001);
    assertThat(ports.ekm(0, false)).isEqualTo(20002);
    assertThat(ports.ekm(1, true)).isEqualTo(20005);
    assertThat(ports.kms(0, false)).isEqualTo(20006);
    assertThat(ports.kms(1, true)).isEqualTo(20009);
  }
}
