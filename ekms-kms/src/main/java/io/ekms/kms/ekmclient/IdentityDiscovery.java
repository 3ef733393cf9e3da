package io.ekms.kms.ekmclient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds where and for what scope a vault's OAuth client asks for tokens: {@code GET
 * <idcsAccountNameUrl>/.well-known/openid-configuration} ({@link DiscoveryDocument}), or, when the
 * server answers that with 404, the OCI identity domain layout ({@code
 * <idcsAccountNameUrl>/oauth2/v1/token}, scope {@code <audience>oci_ekms}). Any other answer, a
 * malformed document or a transport failure is an {@link
 * io.ekms.kms.external.IdentityFailure.Unavailable}: the KMS never guesses a token endpoint.
 *
 * <p>The fetch goes through the same {@link Transports} as the token request: the identity CA
 * bundle, the egress policy for identity servers (asked again at every request, with a fresh
 * resolution), the client's connect and read timeouts, no redirects, and at most {@value
 * #MAX_DOCUMENT} bytes of answer.
 *
 * <p>Documents (and 404s) are kept per URL for {@link #TTL}, at most {@link #MAX_ENTRIES} URLs;
 * failures are not kept. Discovery holds no key or client state: disabling a key or vault is
 * enforced by the EKM at every call, and disabling a client or changing its secret by the identity
 * server at every token request, so a kept document cannot prolong any of them. A changed token
 * endpoint is used within {@link #TTL}.
 */
final class IdentityDiscovery {
  static final String PATH = "/.well-known/openid-configuration";
  static final int MAX_DOCUMENT = 64 * 1024;
  static final Duration TTL = Duration.ofMinutes(5);
  static final int MAX_ENTRIES = 256;

  /** Where to ask for a token and with which scope. */
  record Target(URI tokenEndpoint, String scope) {}

  private record Entry(DiscoveryDocument document, Instant until) {}

  private final Transports transports;
  private final Clock clock;
  private final Map<String, Entry> kept = new ConcurrentHashMap<>();

  IdentityDiscovery(Transports transports, Clock clock) {
    this.transports = transports;
    this.clock = clock;
  }

  /** The token endpoint and scope for {@code client}, from a kept document or fetched now. */
  Target target(OAuthClient client) {
    DiscoveryDocument document = document(client);
    return new Target(document.tokenEndpoint(), document.scopeFor(client.audience()));
  }

  /** How many URLs' documents are kept. */
  int size() {
    return kept.size();
  }

  private DiscoveryDocument document(OAuthClient client) {
    String url = client.idcsAccountNameUrl();
    Instant now = clock.instant();
    Entry entry = kept.get(url);
    if (entry != null && now.isBefore(entry.until())) {
      return entry.document();
    }
    DiscoveryDocument document = fetch(client);
    if (kept.size() >= MAX_ENTRIES) {
      kept.values().removeIf(e -> !now.isBefore(e.until()));
      if (kept.size() >= MAX_ENTRIES) {
        kept.clear();
      }
    }
    kept.put(url, new Entry(document, now.plus(TTL)));
    return document;
  }

  private DiscoveryDocument fetch(OAuthClient client) {
    URI url = client.discoveryUrl();
    Outbound request = Outbound.to(url).header("Accept", "application/json").get();
    Transport.Answer answer;
    try {
      Transports.Route route =
          transports.route(Transports.Peer.IDENTITY, url, client.identityCaBundle());
      answer = transports.send(route, request, MAX_DOCUMENT);
    } catch (TransportFailure failure) {
      throw IdentityErrors.transport(client, url, IdentityErrors.DISCOVERY, failure);
    }
    try {
      if (answer.status() == 404) {
        return DiscoveryDocument.absent(client);
      }
      if (answer.status() != 200) {
        String what = "its discovery document answered HTTP " + answer.status();
        throw IdentityErrors.unavailable(client, what, what, null);
      }
      return DiscoveryDocument.parse(answer.body());
    } catch (AnswerJson.Malformed e) {
      throw IdentityErrors.unavailable(
          client,
          "its discovery document is malformed and was not used: " + e.getMessage(),
          "its discovery document is malformed and was not used: " + e.getMessage(),
          null);
    } finally {
      answer.wipe();
    }
  }
}
