package io.ekms.kms.service;

import io.ekms.kms.domain.EkmAddress;
import io.ekms.kms.domain.PrivateEndpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The EKM addresses of CreateEkmsPrivateEndpointDetails, checked: either {@code
 * externalKeyManagerIp} and {@code port} (default 443) for one address, or {@code
 * externalKeyManagerAddresses}, 1 to 8 distinct {@code host:port} entries (IPv6 in brackets, port
 * 443 when left out), tried in their order. When both are given, the first entry must be {@code
 * externalKeyManagerIp} and {@code port}. Every address must pass the egress policy. Each failure
 * is a 400 {@code InvalidParameter} (or {@code MissingParameter}) naming the field or entry.
 */
final class EndpointAddresses {
  static final String LIST = "externalKeyManagerAddresses";
  private static final String IP = "externalKeyManagerIp";

  private EndpointAddresses() {}

  static List<EkmAddress> of(
      String ip, Integer port, List<String> entries, Destinations destinations) {
    if (entries == null) {
      String host = host(IP, Validate.required(IP, ip));
      int p = port == null ? 443 : port;
      Validate.check(p >= 1 && p <= 65535, "'port' must be 1 to 65535.");
      destinations.privateEndpoint(IP, host, p);
      return List.of(new EkmAddress(host, p));
    }
    Validate.check(
        !entries.isEmpty() && entries.size() <= PrivateEndpoint.MAX_ADDRESSES,
        "'" + LIST + "' must hold 1 to " + PrivateEndpoint.MAX_ADDRESSES + " addresses.");
    List<EkmAddress> addresses = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String field = LIST + "[" + i + "]";
      EkmAddress address = entry(field, entries.get(i));
      Validate.check(
          seen.add(address.toString().toLowerCase(Locale.ROOT)),
          "'" + field + "' repeats an earlier address.");
      destinations.privateEndpoint(field, address.host(), address.port());
      addresses.add(address);
    }
    if (ip != null || port != null) {
      EkmAddress first = addresses.get(0);
      Validate.check(
          first.sameAs(ip == null ? first.host() : ip, port == null ? first.port() : port),
          "'" + IP + "' and 'port', when given with '" + LIST + "', must be its first address.");
    }
    return List.copyOf(addresses);
  }

  private static EkmAddress entry(String field, String text) {
    String rule =
        "'"
            + field
            + "' must be host:port, with an IP address or host name (an IPv6 address in"
            + " brackets) and a port from 1 to 65535.";
    Validate.check(text != null && !text.isBlank() && text.length() <= 263, rule);
    EkmAddress address;
    try {
      address = EkmAddress.parse(text, 443);
    } catch (IllegalArgumentException e) {
      throw KmsError.INVALID_PARAMETER.error(rule);
    }
    host(field, address.host());
    return address;
  }

  private static String host(String field, String host) {
    Validate.check(
        host.length() <= 255 && host.matches("[A-Za-z0-9.:-]+"),
        "'" + field + "' must be an IP address or host name.");
    return host;
  }
}
