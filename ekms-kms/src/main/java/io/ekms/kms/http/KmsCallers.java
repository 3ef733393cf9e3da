package io.ekms.kms.http;

import io.ekms.core.http.Request;
import io.ekms.kms.service.Caller;
import io.ekms.kms.service.RequestRates;
import java.util.Map;

/**
 * Who a KMS API request comes from: its OCI request signature names the principal, whose request
 * rate must then have room. Either refusal (401, 429) is counted by the exchange in the bounded
 * refusal records.
 */
final class KmsCallers implements io.ekms.core.http.Authenticator<Caller> {
  private final Authenticator signatures;
  private final RequestRates rates;

  KmsCallers(Authenticator signatures, RequestRates rates) {
    this.signatures = signatures;
    this.rates = rates;
  }

  @Override
  public Caller authenticate(Request request) {
    String principal =
        signatures.authenticate(
            request.method(), request.rawTarget(), request::headers, request.body());
    rates.admit(principal);
    return new Caller(principal, request.requestId(), Map.of());
  }
}
