package io.ekms.sdk;

/**
 * The KMS refused a request or could not be reached. {@link #status()} is the HTTP status (0 when
 * no answer came back), {@link #code()} the KMS's stable error code ({@code InvalidParameter},
 * {@code NotAuthenticated}, {@code NotAuthorizedOrNotFound}, {@code IncorrectState}, {@code
 * ExternalServerIncorrectState}, ...; {@code Unreachable} when no answer came back) and {@link
 * #opcRequestId()} the request id to quote when asking the operator. {@link #retryable()} says
 * whether the same request may succeed later (429 TooManyRequests, 503 ServiceUnavailable, for
 * example when the customer's key manager is rate limiting or did not answer in time), after {@link
 * #retryAfterSeconds()}.
 */
public final class KmsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The code used when the KMS gave no answer (connection refused, TLS failure, timeout). */
  public static final String UNREACHABLE = "Unreachable";

  private final int status;
  private final String code;
  private final String opcRequestId;
  private final long retryAfterSeconds;

  /** An error answer, or a failure to get one ({@code status} 0 and {@link #UNREACHABLE}). */
  public KmsException(
      int status, String code, String message, String opcRequestId, Throwable cause) {
    this(status, code, message, opcRequestId, cause, 0);
  }

  /** As above, with the answer's {@code Retry-After} in seconds (0: none). */
  public KmsException(
      int status,
      String code,
      String message,
      String opcRequestId,
      Throwable cause,
      long retryAfterSeconds) {
    super(message, cause);
    this.status = status;
    this.code = code;
    this.opcRequestId = opcRequestId;
    this.retryAfterSeconds = Math.max(0, retryAfterSeconds);
  }

  /** True for 429 and 503 answers: the KMS asks to be tried again later, not a refusal. */
  public boolean retryable() {
    return status == 429 || status == 503;
  }

  /** The seconds the KMS asked to wait before retrying ({@code Retry-After}), 0 when it did not. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The HTTP status, or 0 when the KMS did not answer. */
  public int status() {
    return status;
  }

  /** The KMS's error code. */
  public String code() {
    return code;
  }

  /** The {@code opc-request-id} of the failed request, or null when unknown. */
  public String opcRequestId() {
    return opcRequestId;
  }

  @Override
  public String toString() {
    return "KmsException[" + status + " " + code + ": " + getMessage() + "]";
  }
}
