package io.ekms.core.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.helidon.webserver.http.HttpRouting;
import java.util.List;

/**
 * {@code /admin/v1/requests}: the held requests of an admin API, and approving or rejecting one.
 * Approving the last missing approval runs the call and answers its result with the request.
 */
final class QuorumRoutes {
  private static final String R = "/admin/v1/requests";
  private static final int MAX_LIST = 200;
  private final Quorum quorum;
  private final QuorumDecisions decisions;

  QuorumRoutes(Quorum quorum) {
    this.quorum = quorum;
    this.decisions = new QuorumDecisions(quorum);
  }

  record Listed(List<HeldRequestView> items) {}

  /** The answer to an approval: the request, and the call's answer when it ran. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Approved(HeldRequestView request, Executed executed) {}

  /** The held call's own answer: its status and body, or its error's code and sentence. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Executed(int status, Object body, String code, String message) {}

  void routing(HttpRouting.Builder r, Exchange<AdministratorRoutes.Call> exchange) {
    r.get(
        R,
        exchange.route(
            "ListRequests",
            (req, call) ->
                new Reply(
                    200,
                    new Listed(decisions.recent(MAX_LIST).stream().map(h -> view(h)).toList()))));
    r.get(
        R + "/{id}",
        exchange.route(
            "GetRequest", (req, call) -> new Reply(200, view(decisions.find(req.path("id"))))));
    r.post(
        R + "/{id}/approve",
        exchange.route(
            "ApproveRequest",
            (req, call) -> {
              var outcome = decisions.approve(call.admin(), req.path("id"), req.requestId());
              Executed executed = null;
              if (outcome.executed() != null) {
                executed =
                    new Executed(
                        outcome.executed().status(), outcome.executed().body(), null, null);
              } else if (outcome.refused() != null) {
                executed =
                    new Executed(
                        outcome.refused().status(),
                        null,
                        outcome.refused().errorCode().code(),
                        outcome.refused().getMessage());
              }
              return new Reply(200, new Approved(view(outcome.request()), executed));
            }));
    r.post(
        R + "/{id}/reject",
        exchange.route(
            "RejectRequest",
            (req, call) ->
                new Reply(
                    200, view(decisions.reject(call.admin(), req.path("id"), req.requestId())))));
  }

  private HeldRequestView view(HeldRequest h) {
    return HeldRequestView.of(h, quorum.clock().instant());
  }
}
