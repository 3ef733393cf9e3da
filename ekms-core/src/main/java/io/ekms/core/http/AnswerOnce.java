package io.ekms.core.http;

import io.helidon.webserver.http.ServerResponse;
import java.util.function.Function;

/**
 * The last step of every API exchange: the caller gets exactly one answer. When the work fails
 * before its answer began, the error is written instead; when writing the answer itself fails after
 * it began (the caller closed the connection mid-answer), nothing more is sent, since a second
 * answer on the same exchange can only throw again, and the metrics record {@link #NOT_DELIVERED}.
 */
public final class AnswerOnce {
  /** The metrics result of an exchange whose answer could not be written to the caller. */
  public static final String NOT_DELIVERED = "NotDelivered";

  /** The metrics result of an exchange answered as intended. */
  public static final String OK = "OK";

  private static final System.Logger LOG = System.getLogger(AnswerOnce.class.getName());

  private AnswerOnce() {}

  /**
   * Runs {@code work}, which writes the answer; if it throws, {@code error} writes the error answer
   * and returns its code. Returns the result for the metrics: {@link #OK}, the error's code, or
   * {@link #NOT_DELIVERED}.
   */
  public static String run(
      ServerResponse res,
      String requestId,
      Runnable work,
      Function<RuntimeException, String> error) {
    try {
      work.run();
      return OK;
    } catch (RuntimeException failure) {
      if (res.isSent()) {
        return notDelivered(requestId, failure);
      }
      try {
        return error.apply(failure);
      } catch (RuntimeException unsent) {
        if (!res.isSent()) {
          throw unsent;
        }
        return notDelivered(requestId, unsent);
      }
    }
  }

  private static String notDelivered(String requestId, RuntimeException failure) {
    LOG.log(
        System.Logger.Level.DEBUG,
        "request {0}: the answer could not be delivered ({1})",
        requestId,
        failure.getClass().getSimpleName());
    return NOT_DELIVERED;
  }
}
