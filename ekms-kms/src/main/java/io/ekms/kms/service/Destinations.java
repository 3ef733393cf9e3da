package io.ekms.kms.service;

import io.ekms.kms.egress.EgressDenied;
import io.ekms.kms.egress.EgressPolicy;
import java.net.URI;

/**
 * The egress policy as request checks: a host the KMS would not connect to is a 400
 * InvalidParameter naming the field and the rule, before anything is stored or connected to.
 */
final class Destinations {
  private final EgressPolicy egress;

  Destinations(EgressPolicy egress) {
    this.egress = egress;
  }

  /** A private endpoint's host (IP literal, or every address its name resolves to) and port. */
  void privateEndpoint(String field, String host, int port) {
    try {
      egress.checkPrivateEndpoint(host, port);
    } catch (EgressDenied e) {
      throw refused(field, e);
    }
  }

  /** The host and port of an identity server's base URL (an https URL, already checked). */
  void identity(String field, String url) {
    URI uri = URI.create(url);
    try {
      egress.checkIdentity(uri.getHost(), uri.getPort() == -1 ? 443 : uri.getPort());
    } catch (EgressDenied e) {
      throw refused(field, e);
    }
  }

  private static RuntimeException refused(String field, EgressDenied e) {
    return KmsError.INVALID_PARAMETER.error("'" + field + "' " + e.getMessage() + ".");
  }
}
