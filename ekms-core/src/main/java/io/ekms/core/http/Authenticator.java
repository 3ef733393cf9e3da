package io.ekms.core.http;

/**
 * Who a request comes from, as an API establishes it (request signature, bearer token, admin
 * token). It throws the API's refusal when the caller cannot be established; the exchange counts
 * every such refusal in the bounded refusal records.
 *
 * @param <C> the API's caller type
 */
@FunctionalInterface
public interface Authenticator<C> {
  C authenticate(Request request);
}
