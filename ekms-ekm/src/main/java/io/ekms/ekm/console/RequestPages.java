package io.ekms.ekm.console;

import io.ekms.core.admin.HeldRequestView;
import io.ekms.core.admin.Quorum;
import io.ekms.core.admin.QuorumDecisions;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;

/**
 * Calls held for approval by the quorum: the newest, what each does and who asked, and approving or
 * rejecting one, as {@code /admin/v1/requests} does (the same decisions, the same audit). The last
 * approval runs the call; the notice names how it ended.
 */
final class RequestPages extends PageGroup {
  private static final int SHOWN = 200;
  private final Quorum quorum;
  private final QuorumDecisions decisions;
  private final Clock clock;

  RequestPages(ConsoleGate gate, ConsoleServices services, Quorum quorum, Clock clock) {
    super(gate, services);
    this.quorum = quorum;
    this.decisions = new QuorumDecisions(quorum);
    this.clock = clock;
  }

  @Override
  void routing(HttpRouting.Builder r) {
    r.get(
        "/console/requests",
        gate.page(
            (req, res, s) ->
                ConsoleHttp.render(
                    res,
                    200,
                    "requests.jte",
                    new Views.RequestsView(
                        Chrome.of("Approvals", "requests", s).withNotice(Notices.of(req)),
                        quorum.settings().approvals(),
                        decisions.recent(SHOWN).stream()
                            .map(h -> HeldRequestView.of(h, clock.instant()))
                            .toList()))));
    r.post(
        "/console/requests/{id}/approve",
        gate.action(
            "ApproveRequest",
            (form, s, requestId, req, res) -> {
              var outcome = decisions.approve(s.admin(), Forms.pathId(req, "id"), requestId);
              String said =
                  outcome.executed() != null
                      ? "request-executed"
                      : outcome.refused() != null ? "request-failed" : "request-approved";
              ConsoleHttp.redirect(res, Notices.link("/console/requests", said, requestId));
            }));
    r.post(
        "/console/requests/{id}/reject",
        gate.action(
            "RejectRequest",
            (form, s, requestId, req, res) -> {
              decisions.reject(s.admin(), Forms.pathId(req, "id"), requestId);
              ConsoleHttp.redirect(
                  res, Notices.link("/console/requests", "request-rejected", requestId));
            }));
  }
}
