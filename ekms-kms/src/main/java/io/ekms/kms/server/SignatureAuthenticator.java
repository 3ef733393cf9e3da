package io.ekms.kms.server;

import io.ekms.kms.auth.NotAuthenticatedException;
import io.ekms.kms.auth.RequestVerifier;
import io.ekms.kms.http.Authenticator;
import io.ekms.kms.service.KmsError;
import java.util.List;
import java.util.function.Function;

/**
 * Authenticates KMS API calls by their OCI request signature; the principal is the user OCID. Every
 * refusal is 401 {@code NotAuthenticated} with the verifier's fixed sentence.
 */
final class SignatureAuthenticator implements Authenticator {
  private final RequestVerifier verifier;

  SignatureAuthenticator(RequestVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public String authenticate(
      String method, String pathAndQuery, Function<String, List<String>> headers, byte[] body) {
    try {
      return verifier.verify(method, pathAndQuery, headers::apply, body).userId();
    } catch (NotAuthenticatedException e) {
      throw KmsError.NOT_AUTHENTICATED.error(e.getMessage());
    }
  }
}
