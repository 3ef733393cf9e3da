package io.ekms.core.http;

/**
 * Records a request that failed after its caller was established but before a service recorded it
 * (a malformed body or id): implementations record only when nothing was recorded yet for the
 * request, so every authenticated request gets exactly one record.
 *
 * @param <C> the API's caller type
 */
@FunctionalInterface
public interface CallAudit<C> {
  void failed(C caller, String operation, Request request, String code);

  /** For APIs whose services record every outcome themselves. */
  static <C> CallAudit<C> none() {
    return (caller, operation, request, code) -> {};
  }
}
