package io.ekms.kms.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {
  @ParameterizedTest
  @CsvSource({
    "10.20.0.0/16, 10.20.0.1, true",
    "10.20.0.0/16, 10.20.255.255, true",
    "10.20.0.0/16, 10.21.0.1, false",
    "10.20.0.0/16, 9.20.0.1, false",
    "10.20.128.0/17, 10.20.127.255, false",
    "10.20.128.0/17, 10.20.128.0, true",
    "192.0.2.7, 192.0.2.7, true",
    "192.0.2.7, 192.0.2.8, false",
    "0.0.0.0/0, 203.0.113.9, true",
    "0.0.0.0/0, 2001:db8::1, false",
    "10.20.0.0/16, ::ffff:10.20.3.4, true",
    "fd12:3456::/32, fd12:3456:ffff::1, true",
    "fd12:3456::/32, fd12:3457::1, false",
    "2001:db8::/125, 2001:db8::7, true",
    "2001:db8::/125, 2001:db8::8, false",
    "::/0, 10.0.0.1, false",
  })
  void contains_addressInsideOrOutside_matchesTheRange(String range, String address, boolean in)
      throws Exception {
    assertThat(Cidr.parse(range).contains(InetAddress.getByName(address))).isEqualTo(in);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.20.0.1/16",
        "10.0.0.0/33",
        "fd00::/129",
        "10.0/8",
        "010.0.0.0/8",
        "167772160/8",
        "example.com/24",
        "10.0.0.0/",
        "10.0.0.0/-1",
        "fe80::1%eth0/64",
        ""
      })
  void parse_notACanonicalRange_isRefusedNamingTheEntry(String value) {
    assertThatThrownBy(() -> Cidr.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + value + "'");
  }
}
