package io.ekms.kms.ekmclient;

import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.api.RuntimeUnknownHostException;
import io.helidon.webclient.spi.DnsResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a URL's host as the JDK does, but the address it returns keeps the host exactly as the
 * URL wrote it. The HTTP client hands the address's host name to TLS, which checks the peer's
 * certificate against it: without this, an address literal ({@code https://10.0.0.5/}) would be
 * checked against whatever a reverse lookup of the address answered instead of the address.
 */
final class HostKeepingResolver implements DnsResolver {
  static final HostKeepingResolver INSTANCE = new HostKeepingResolver();

  private HostKeepingResolver() {}

  @Override
  public InetAddress resolveAddress(String host, DnsAddressLookup lookup) {
    try {
      InetAddress[] found = lookup.filter(InetAddress.getAllByName(host));
      if (found.length == 0) {
        throw new UnknownHostException(host + ": no address of the kind asked for");
      }
      String name =
          host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
      return InetAddress.getByAddress(name, found[0].getAddress());
    } catch (UnknownHostException e) {
      throw new RuntimeUnknownHostException(e);
    }
  }
}
