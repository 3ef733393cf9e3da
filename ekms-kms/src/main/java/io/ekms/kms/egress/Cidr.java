package io.ekms.kms.egress;

import java.net.InetAddress;

/**
 * An address range, {@code 10.20.0.0/16} or {@code fd12:3456::/48}; a bare address is the range
 * holding only it. IPv4 ranges match IPv4 addresses, also when written IPv4-mapped ({@code
 * ::ffff:10.20.1.2}).
 */
public final class Cidr {
  private final byte[] network;
  private final int prefix;
  private final String text;

  private Cidr(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /**
   * Parses {@code address/prefix}.
   *
   * @throws IllegalArgumentException naming what is wrong: not an IP literal in canonical form, a
   *     prefix out of range, or bits set beyond the prefix
   */
  public static Cidr parse(String value) {
    String text = value == null ? "" : value.strip();
    int slash = text.indexOf('/');
    InetAddress address = HostSyntax.literal(slash < 0 ? text : text.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException(
          "'" + value + "' is not an address range such as 10.0.0.0/8 or fd00::/8");
    }
    byte[] bytes = address.getAddress();
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      String bits = text.substring(slash + 1);
      if (!bits.matches("[0-9]{1,3}") || Integer.parseInt(bits) > bytes.length * 8) {
        throw new IllegalArgumentException(
            "'" + value + "' has a prefix length outside 0 to " + bytes.length * 8);
      }
      prefix = Integer.parseInt(bits);
    }
    for (int i = 0; i < bytes.length; i++) {
      if ((bytes[i] & ~mask(prefix, i) & 0xff) != 0) {
        throw new IllegalArgumentException(
            "'"
                + value
                + "' has address bits set beyond /"
                + prefix
                + " (write the network address)");
      }
    }
    Cidr cidr = new Cidr(bytes, prefix, text);
    return cidr;
  }

  /** Whether {@code address} lies in this range. */
  public boolean contains(InetAddress address) {
    return matches(Addresses.normalize(address).getAddress());
  }

  private boolean matches(byte[] bytes) {
    if (bytes.length != network.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      int m = mask(prefix, i);
      if ((bytes[i] & m) != (network[i] & m)) {
        return false;
      }
    }
    return true;
  }

  /** The mask of byte {@code i} under a prefix of {@code bits}. */
  private static int mask(int bits, int i) {
    int left = bits - 8 * i;
    return left >= 8 ? 0xff : left <= 0 ? 0 : (0xff << (8 - left)) & 0xff;
  }

  @Override
  public String toString() {
    return text;
  }
}
