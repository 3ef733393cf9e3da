package io.ekms.kms.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.kms.egress.EgressDenied.Reason;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The address and host rules, with a fixed resolver (names never reach real DNS). */
class EgressPolicyTest {
  static final Map<String, List<String>> DNS =
      Map.of(
          "ekm.example.test", List.of("10.20.1.2"),
          "two.example.test", List.of("10.20.1.3", "169.254.169.254"),
          "outside.example.test", List.of("10.99.0.1"),
          "metadata.example.test", List.of("169.254.169.254"),
          "idp.example.test", List.of("203.0.113.5"),
          "login.idp.example.test", List.of("203.0.113.6"),
          "rebound.idp.example.test", List.of("127.0.0.1"));
  final List<String> lookedUp = new ArrayList<>();

  InetAddress[] resolve(String host) throws UnknownHostException {
    lookedUp.add(host);
    List<String> addresses = DNS.get(host);
    if (addresses == null) {
      throw new UnknownHostException(host);
    }
    List<InetAddress> out = new ArrayList<>();
    for (String a : addresses) {
      out.add(InetAddress.getByName(a));
    }
    return out.toArray(InetAddress[]::new);
  }

  EgressPolicy open() {
    return new EgressPolicy(List.of(), List.of(), false, this::resolve);
  }

  EgressPolicy policy(List<String> cidrs, List<String> identityHosts, boolean loopback) {
    return new EgressPolicy(cidrs, identityHosts, loopback, this::resolve);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "169.254.169.254", // AWS, Azure, Google Cloud, OCI metadata (link-local)
        "169.254.170.2",
        "fe80::1",
        "[fe80::a9fe:a9fe]",
        "fd00:ec2::254", // AWS metadata over IPv6
        "fd20:ce::254",
        "fd00:c1::a9fe:a9fe",
        "100.100.100.200",
        "::ffff:169.254.169.254", // IPv4-mapped
        "0:0:0:0:0:ffff:a9fe:a9fe",
        "::169.254.169.254", // IPv4-compatible
        "64:ff9b::a9fe:a9fe", // NAT64
        "2002:a9fe:a9fe::1", // 6to4
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "::ffff:127.0.0.1",
        "0.0.0.0",
        "0.1.2.3",
        "::",
        "224.0.0.1",
        "239.255.255.250",
        "255.255.255.255",
        "ff02::1"
      })
  void checkPrivateEndpoint_specialAddress_isRefusedWithoutLookup(String host) {
    assertThatThrownBy(() -> open().checkPrivateEndpoint(host, 443))
        .isInstanceOfSatisfying(
            EgressDenied.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
        .hasMessageStartingWith("is a");
    assertThat(lookedUp).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2852039166", // 169.254.169.254 as one decimal number, which the JDK accepts
        "0251.0376.0251.0376", // octal, as the C resolver reads it
        "0xa9.0xfe.0xa9.0xfe",
        "0xa9fea9fe",
        "169.254.43518", // a short form the JDK accepts
        "127.1",
        "017.0.0.1", // the JDK reads 17.0.0.1, the C resolver 15.0.0.1
        "10.20.1.2.",
        "ekm.example.test.",
        "ekm..example.test",
        "-ekm.example.test",
        "ekm.123",
        "ekm_1.example.test",
        "fe80::1%eth0",
        "[::1",
        ""
      })
  void checkPrivateEndpoint_numericLookalikeOrMalformedHost_isMalformedWithoutLookup(String host) {
    assertThatThrownBy(() -> open().checkPrivateEndpoint(host, 443))
        .isInstanceOfSatisfying(
            EgressDenied.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
        .hasMessageContaining("canonical form");
    assertThat(lookedUp).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.20.1.2", "203.0.113.9", "2001:db8::5", "[2001:db8::5]"})
  void checkPrivateEndpoint_ordinaryAddressWithoutRanges_isAllowed(String host) {
    assertThatCode(() -> open().checkPrivateEndpoint(host, 443)).doesNotThrowAnyException();
  }

  @Test
  void checkPrivateEndpoint_nameWithOneMetadataAddress_isRefused() {
    assertThatThrownBy(() -> open().checkPrivateEndpoint("two.example.test", 443))
        .isInstanceOf(EgressDenied.class)
        .hasMessageStartingWith("resolves to a link-local address");
    assertThatThrownBy(() -> open().checkPrivateEndpoint("metadata.example.test", 443))
        .hasMessageStartingWith("resolves to a link-local address");
  }

  @Test
  void checkPrivateEndpoint_nameThatDoesNotResolve_isUnresolved() {
    assertThatThrownBy(() -> open().checkPrivateEndpoint("gone.example.test", 443))
        .isInstanceOfSatisfying(
            EgressDenied.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNRESOLVED));
  }

  @Test
  void checkPrivateEndpoint_withRanges_allowsOnlyAddressesInside() throws Exception {
    EgressPolicy p = policy(List.of("10.20.0.0/16", "fd12:3456::/32"), List.of(), false);

    p.checkPrivateEndpoint("10.20.9.9", 443);
    p.checkPrivateEndpoint("ekm.example.test", 443);
    p.checkPrivateEndpoint("fd12:3456::7", 443);
    p.checkPrivateEndpoint("::ffff:10.20.0.1", 443);
    for (String outside : List.of("10.21.0.1", "outside.example.test", "2001:db8::1")) {
      assertThatThrownBy(() -> p.checkPrivateEndpoint(outside, 443))
          .hasMessageContaining("egress.privateEndpointCidrs");
    }
  }

  @Test
  void checkPrivateEndpoint_loopback_onlyWhenAllowedAndNeverMetadata() throws Exception {
    EgressPolicy p = policy(List.of(), List.of(), true);

    p.checkPrivateEndpoint("127.0.0.1", 8443);
    p.checkPrivateEndpoint("::1", 8443);
    assertThatThrownBy(() -> open().checkPrivateEndpoint("127.0.0.1", 8443))
        .hasMessageContaining("egress.allowLoopback");
    assertThatThrownBy(() -> p.checkPrivateEndpoint("169.254.169.254", 80))
        .isInstanceOf(EgressDenied.class);
  }

  @Test
  void checkPrivateEndpoint_theKmsOwnListener_isRefusedEvenWithLoopbackAllowed() throws Exception {
    EgressPolicy p = policy(List.of(), List.of(), true);
    p.ownListeners().bind("127.0.0.1", 9443, "127.0.0.1", 9444, null);

    p.checkPrivateEndpoint("127.0.0.1", 8443);
    for (int port : new int[] {9443, 9444}) {
      assertThatThrownBy(() -> p.checkPrivateEndpoint("127.0.0.1", port))
          .hasMessage("is the KMS's own API or admin listener");
    }
    assertThatThrownBy(() -> p.checkIdentity("127.0.0.1", 9444))
        .hasMessage("is the KMS's own API or admin listener");
  }

  @Test
  void checkPrivateEndpoint_listenerOnTheWildcard_coversThisMachinesAddresses() throws Exception {
    EgressPolicy p = policy(List.of(), List.of(), true);
    p.ownListeners().bind("0.0.0.0", 9443, "127.0.0.1", 9444, "https://kms.example.test");

    assertThatThrownBy(() -> p.checkPrivateEndpoint("127.0.0.2", 9443))
        .hasMessageContaining("own API or admin listener");
    assertThatThrownBy(() -> p.checkPrivateEndpoint("kms.example.test", 443))
        .hasMessage("is the KMS's own public URL");
    p.checkPrivateEndpoint("127.0.0.2", 9444);
  }

  @Test
  void checkIdentity_withHosts_allowsOnlyThoseNamedOrBelowAWildcard() throws Exception {
    EgressPolicy p = policy(List.of(), List.of("idp.example.test", "*.idp.example.test"), false);

    p.checkIdentity("idp.example.test", 443);
    p.checkIdentity("LOGIN.idp.example.test", 443);
    for (String other : List.of("ekm.example.test", "203.0.113.5", "evilidp.example.test")) {
      assertThatThrownBy(() -> p.checkIdentity(other, 443))
          .hasMessageContaining("egress.identityHosts");
    }
  }

  @Test
  void checkIdentity_allowedNameNowResolvingToLoopback_isRefused() {
    EgressPolicy p = policy(List.of(), List.of("*.idp.example.test"), false);

    assertThatThrownBy(() -> p.checkIdentity("rebound.idp.example.test", 443))
        .hasMessageStartingWith("resolves to a loopback address");
  }

  @Test
  void checkIdentity_ipLiteralEntry_matchesItsCanonicalForms() throws Exception {
    EgressPolicy p = policy(List.of(), List.of("127.0.0.1", "[::1]"), true);

    p.checkIdentity("127.0.0.1", 8445);
    p.checkIdentity("[0:0:0:0:0:0:0:1]", 8445);
    assertThatThrownBy(() -> p.checkIdentity("localhost", 8445))
        .hasMessageContaining("egress.identityHosts");
  }

  @Test
  void checkIdentity_metadataAddressWithoutHostList_isRefused() {
    assertThatThrownBy(() -> open().checkIdentity("169.254.169.254", 443))
        .isInstanceOf(EgressDenied.class);
    assertThatThrownBy(() -> open().checkIdentity("2852039166", 443))
        .hasMessageContaining("canonical form");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "idp..example", "*.", "2852039166", "http://idp"})
  void new_entryThatIsNoRangeOrHost_isRefused(String entry) {
    boolean range = entry.contains("/") && !entry.startsWith("http");
    assertThatThrownBy(
            () ->
                policy(
                    range ? List.of(entry) : List.of(), range ? List.of() : List.of(entry), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(entry);
  }
}
