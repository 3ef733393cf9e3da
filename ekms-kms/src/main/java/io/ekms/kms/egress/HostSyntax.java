package io.ekms.kms.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The host forms the KMS accepts: an IP literal in canonical form or a DNS host name. Anything that
 * merely looks numeric ({@code 2852039166}, {@code 0251.0376.0251.0376}, {@code
 * 0xa9.0xfe.0xa9.0xfe}, {@code 127.1}, {@code 017.0.0.1}) is refused, because the JDK and the C
 * resolver read such forms differently (decimal, octal, hexadecimal, short forms) and some of them
 * mean 169.254.169.254.
 */
final class HostSyntax {
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");
  private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]*|0x[0-9a-f]*");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  static final String RULE =
      "must be an IP address in canonical form (IPv4 as four decimal numbers without leading"
          + " zeros) or a DNS host name";

  private HostSyntax() {}

  /** A host as the KMS uses it: lower-case, without IPv6 brackets; {@code literal} if an IP. */
  record Host(String name, InetAddress literal) {}

  static Host parse(String raw) throws EgressDenied {
    if (raw == null || raw.isEmpty() || raw.length() > 255) {
      throw malformed();
    }
    String host = raw.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress literal = literal(host);
    if (literal != null) {
      return new Host(host, literal);
    }
    if (host.indexOf(':') >= 0 || host.length() > 253) {
      throw malformed();
    }
    String[] labels = host.split("\\.", -1);
    boolean numeric = true;
    for (String label : labels) {
      numeric &= NUMERIC_LABEL.matcher(label).matches();
    }
    if (numeric || labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      throw malformed();
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        throw malformed();
      }
    }
    return new Host(host, null);
  }

  /**
   * The address {@code text} denotes when it is a canonical IPv4 literal or an IPv6 literal
   * (without zone id); null otherwise. Never consults DNS.
   */
  static InetAddress literal(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    boolean v4 = IPV4.matcher(lower).matches();
    boolean v6 = lower.indexOf(':') >= 0 && IPV6.matcher(lower).matches();
    if (!v4 && !v6) {
      return null;
    }
    try {
      // A literal of these shapes is parsed, never looked up.
      return InetAddress.getByName(v6 ? "[" + lower + "]" : lower);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static EgressDenied malformed() {
    return new EgressDenied(EgressDenied.Reason.MALFORMED, RULE);
  }
}
