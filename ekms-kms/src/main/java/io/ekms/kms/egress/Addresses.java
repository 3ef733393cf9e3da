package io.ekms.kms.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The address ranges the KMS refuses whatever the allow-lists say (loopback only unless the
 * operator allows it), and the IPv6 forms that carry an IPv4 address inside.
 */
final class Addresses {
  /** Why an address is special; {@code text} completes "is ..." / "resolves to ...". */
  enum Category {
    UNSPECIFIED("an unspecified address (0.0.0.0/8, ::)"),
    LOOPBACK("a loopback address (127.0.0.0/8, ::1), refused unless egress.allowLoopback is on"),
    LINK_LOCAL(
        "a link-local address (169.254.0.0/16, fe80::/10), where cloud metadata services answer"),
    METADATA("a cloud metadata service address"),
    MULTICAST("a multicast or broadcast address"),
    IPV4_COMPATIBLE("a deprecated IPv4-compatible IPv6 address (::/96)");

    final String text;

    Category(String text) {
      this.text = text;
    }
  }

  private static final Map<Cidr, Category> SPECIAL = new LinkedHashMap<>();

  static {
    special(Category.UNSPECIFIED, "0.0.0.0/8", "::/128");
    special(Category.LOOPBACK, "127.0.0.0/8", "::1/128");
    special(Category.LINK_LOCAL, "169.254.0.0/16", "fe80::/10");
    // AWS (IPv6), Google Cloud (IPv6), OCI (IPv6), Alibaba Cloud; the IPv4 169.254.169.254 of AWS,
    // Azure, Google Cloud and OCI is link-local above.
    special(
        Category.METADATA,
        "fd00:ec2::254/128",
        "fd20:ce::254/128",
        "fd00:c1::a9fe:a9fe/128",
        "100.100.100.200/32");
    special(Category.MULTICAST, "224.0.0.0/4", "255.255.255.255/32", "ff00::/8");
    special(Category.IPV4_COMPATIBLE, "::/96");
  }

  private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

  private Addresses() {}

  private static void special(Category category, String... ranges) {
    for (String range : ranges) {
      SPECIAL.put(Cidr.parse(range), category);
    }
  }

  /** The special category of {@code address} or of the IPv4 address it carries; null if none. */
  static Category category(InetAddress address) {
    InetAddress a = normalize(address);
    Category own = lookup(a);
    if (own != null) {
      return own;
    }
    InetAddress inner = embedded(a);
    return inner == null ? null : lookup(inner);
  }

  private static Category lookup(InetAddress a) {
    for (Map.Entry<Cidr, Category> e : SPECIAL.entrySet()) {
      if (e.getKey().contains(a)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as the IPv4 address it is. */
  static InetAddress normalize(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address
        && Arrays.equals(b, 0, 10, new byte[10], 0, 10)
        && b[10] == (byte) 0xff
        && b[11] == (byte) 0xff) {
      return v4(Arrays.copyOfRange(b, 12, 16));
    }
    return address;
  }

  /** The IPv4 address inside a NAT64 ({@code 64:ff9b::/96}) or 6to4 ({@code 2002::/16}) one. */
  static InetAddress embedded(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return null;
    }
    byte[] b = address.getAddress();
    if (NAT64.contains(address)) {
      return v4(Arrays.copyOfRange(b, 12, 16));
    }
    if (SIX_TO_FOUR.contains(address)) {
      return v4(Arrays.copyOfRange(b, 2, 6));
    }
    return null;
  }

  private static Inet4Address v4(byte[] four) {
    try {
      return (Inet4Address) InetAddress.getByAddress(four);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }
}
