package io.ekms.kms.egress;

import io.ekms.kms.egress.Addresses.Category;
import io.ekms.kms.egress.EgressDenied.Reason;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the KMS may connect on a caller's behalf. Every address a host resolves to must pass, so a
 * name with one bad address is refused:
 *
 * <ul>
 *   <li>never: unspecified, link-local (169.254.169.254 included), known cloud metadata addresses,
 *       multicast and broadcast, IPv4-compatible IPv6, the KMS's own listeners; IPv4-mapped, NAT64
 *       and 6to4 IPv6 addresses are judged by the IPv4 address they carry too;
 *   <li>loopback only when {@code allowLoopback} (single-machine set-ups);
 *   <li>private endpoints (EKMs): only addresses inside {@code privateEndpointCidrs}, when given;
 *   <li>identity servers: only hosts in {@code identityHosts} (exact names or IP literals, or
 *       {@code *.example.com} for any name below example.com), when given.
 * </ul>
 *
 * Hosts must be canonical IP literals or DNS names ({@link HostSyntax}). The checks resolve names
 * with the JVM's resolver, whose cache the JDK's HTTP client shares.
 */
public final class EgressPolicy {
  /** Name resolution; the JVM's by default, a fixed table in tests. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final List<Cidr> endpointRanges;
  private final List<String> identityHosts;
  private final boolean allowLoopback;
  private final Resolver resolver;
  private final OwnListeners own = new OwnListeners();

  /**
   * @throws IllegalArgumentException naming an entry that is not a range or a host
   */
  public EgressPolicy(
      List<String> privateEndpointCidrs,
      List<String> identityHosts,
      boolean allowLoopback,
      Resolver resolver) {
    this.endpointRanges = privateEndpointCidrs.stream().map(Cidr::parse).toList();
    List<String> hosts = new ArrayList<>();
    for (String entry : identityHosts) {
      hosts.add(identityHost(entry));
    }
    this.identityHosts = List.copyOf(hosts);
    this.allowLoopback = allowLoopback;
    this.resolver = resolver;
  }

  /** With the JVM's resolver. */
  public static EgressPolicy of(
      List<String> privateEndpointCidrs, List<String> identityHosts, boolean allowLoopback) {
    return new EgressPolicy(
        privateEndpointCidrs, identityHosts, allowLoopback, InetAddress::getAllByName);
  }

  /** The KMS's own listeners, to bind once they are listening. */
  public OwnListeners ownListeners() {
    return own;
  }

  /** Whether the KMS may connect to an EKM at {@code host}:{@code port} now. */
  public void checkPrivateEndpoint(String host, int port) throws EgressDenied {
    HostSyntax.Host h = HostSyntax.parse(host);
    for (InetAddress a : addresses(h, port)) {
      if (!endpointRanges.isEmpty() && endpointRanges.stream().noneMatch(r -> r.contains(a))) {
        throw refused(
            h,
            "an address outside the ranges allowed for private endpoints"
                + " (egress.privateEndpointCidrs)");
      }
    }
  }

  /** Whether the KMS may ask the identity server at {@code host}:{@code port} for tokens now. */
  public void checkIdentity(String host, int port) throws EgressDenied {
    HostSyntax.Host h = HostSyntax.parse(host);
    if (!identityHosts.isEmpty() && identityHosts.stream().noneMatch(p -> matches(p, h))) {
      throw new EgressDenied(
          Reason.REFUSED, "names a host outside the allowed identity hosts (egress.identityHosts)");
    }
    addresses(h, port);
  }

  /** Resolves {@code h} and checks every address against the rules that always apply. */
  private List<InetAddress> addresses(HostSyntax.Host h, int port) throws EgressDenied {
    if (own.isPublic(h.name(), port)) {
      throw new EgressDenied(Reason.REFUSED, "is the KMS's own public URL");
    }
    InetAddress[] all;
    try {
      all = h.literal() != null ? new InetAddress[] {h.literal()} : resolver.resolve(h.name());
    } catch (UnknownHostException e) {
      throw new EgressDenied(Reason.UNRESOLVED, "does not resolve to an address");
    }
    if (all.length == 0) {
      throw new EgressDenied(Reason.UNRESOLVED, "does not resolve to an address");
    }
    for (InetAddress a : all) {
      Category category = Addresses.category(a);
      if (category != null && !(category == Category.LOOPBACK && allowLoopback)) {
        throw refused(h, category.text);
      }
      if (own.isOwn(a, port)) {
        throw refused(h, "the KMS's own API or admin listener");
      }
    }
    return List.of(all);
  }

  private static EgressDenied refused(HostSyntax.Host h, String what) {
    return new EgressDenied(Reason.REFUSED, (h.literal() != null ? "is " : "resolves to ") + what);
  }

  private static boolean matches(String pattern, HostSyntax.Host h) {
    if (pattern.startsWith("*.")) {
      return h.literal() == null && h.name().endsWith(pattern.substring(1));
    }
    InetAddress literal = HostSyntax.literal(pattern);
    return literal != null ? literal.equals(h.literal()) : pattern.equals(h.name());
  }

  private static String identityHost(String entry) {
    String host = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
    boolean wildcard = host.startsWith("*.");
    try {
      HostSyntax.Host h = HostSyntax.parse(wildcard ? host.substring(2) : host);
      return wildcard ? "*." + h.name() : h.name();
    } catch (EgressDenied e) {
      throw new IllegalArgumentException(
          "'" + entry + "' is not a host name, an IP address or *.domain");
    }
  }
}
