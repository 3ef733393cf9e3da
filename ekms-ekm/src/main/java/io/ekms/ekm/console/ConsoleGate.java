package io.ekms.ekm.console;

import io.ekms.core.audit.Refusals;
import io.ekms.core.error.ApiException;
import io.ekms.core.http.Peers;
import io.ekms.core.http.RequestId;
import io.ekms.ekm.service.EkmError;
import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * Every console route passes here: pages need a live session (else the login page), actions need a
 * live session, a same-origin request and the session's CSRF token. A refused error of the admin
 * services becomes an error page with its code and sentence; anything else a 500 naming only the
 * request id.
 */
final class ConsoleGate {
  private static final System.Logger LOG = System.getLogger(ConsoleGate.class.getName());
  private final ConsoleSessions sessions;
  private final Refusals refusals;

  ConsoleGate(ConsoleSessions sessions, Refusals refusals) {
    this.sessions = sessions;
    this.refusals = refusals;
  }

  /** A page: renders what it shows for the session. */
  interface Page {
    void show(ServerRequest req, ServerResponse res, ConsoleSession session);
  }

  /**
   * An action: does one change and answers, usually with a redirect to the page that shows the
   * result (so a reload never repeats it).
   */
  interface Action {
    void run(
        Parameters form,
        ConsoleSession session,
        String requestId,
        ServerRequest req,
        ServerResponse res);
  }

  ConsoleSessions sessions() {
    return sessions;
  }

  Handler page(Page page) {
    return (req, res) -> {
      Optional<ConsoleSession> session = sessions.resume(ConsoleHttp.cookie(req));
      if (session.isEmpty()) {
        ConsoleHttp.redirect(res, "/console/login");
        return;
      }
      String requestId = RequestId.generate();
      try {
        sessions.access().check(session.get().admin(), readOperation(req.path().path()));
        page.show(req, res, session.get());
      } catch (ApiException e) {
        failed(res, session.get(), e, requestId, "/console/overview");
      } catch (RuntimeException e) {
        crashed(res, session.get(), e, requestId);
      }
    };
  }

  Handler action(String operation, Action action) {
    return (req, res) -> {
      String requestId = RequestId.generate();
      if (!ConsoleHttp.sameOrigin(req)) {
        refusals.refused(Peers.address(req), operation, "CrossOriginRefused", requestId);
        refused(res, null, "CrossOriginRefused", "The request did not come from this console.");
        return;
      }
      Optional<ConsoleSession> session = sessions.resume(ConsoleHttp.cookie(req));
      if (session.isEmpty()) {
        ConsoleHttp.redirect(res, "/console/login?expired=1");
        return;
      }
      Parameters form = ConsoleHttp.form(req);
      if (!ConsoleSessions.csrfMatches(session.get(), form.first("csrf").orElse(null))) {
        refusals.refused(Peers.address(req), operation, "CsrfRefused", requestId);
        refused(
            res,
            session.get(),
            "CsrfRefused",
            "This form did not carry the console's CSRF token; reload the page and try again.");
        return;
      }
      String back = back(form.first("back").orElse(null));
      try {
        if (sessions.access().roles().knows(operation)) {
          guard(session.get(), operation);
        }
        action.run(form, session.get(), requestId, req, res);
      } catch (ApiException e) {
        failed(res, session.get(), e, requestId, back);
      } catch (RuntimeException e) {
        crashed(res, session.get(), e, requestId);
      }
    };
  }

  /**
   * Refuses {@code operation} to a session whose administrator lacks its role, and any operation a
   * quorum holds: those are requested and approved through the admin API, where the request waits.
   */
  void guard(ConsoleSession session, String operation) {
    sessions.access().check(session.admin(), operation);
    var quorum = sessions.access().quorum();
    if (quorum != null && quorum.covers(operation)) {
      throw EkmError.QUORUM_REQUIRED.error(
          "This action needs the approval of "
              + quorum.settings().approvals()
              + " other administrator(s); request it through the admin API or the CLI, where"
              + " it waits for them. Nothing was changed.");
    }
  }

  /**
   * The admin API read a page stands for, whose roles may see it: the overview (health and metrics)
   * every administrator, the audit auditors and officers, the rest every reader.
   */
  static String readOperation(String path) {
    if (path.startsWith("/console/audit")) {
      return "ReadAudit";
    }
    return path.startsWith("/console/overview") ? "WhoAmI" : "ListVaults";
  }

  /** {@code value} when it is a console path, else the overview: never a way off the console. */
  static String back(String value) {
    if (value != null
        && value.startsWith("/console/")
        && value.length() < 512
        && value.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '\\')) {
      return value;
    }
    return "/console/overview";
  }

  private static void failed(
      ServerResponse res, ConsoleSession s, ApiException e, String requestId, String back) {
    ConsoleHttp.render(
        res,
        e.status(),
        "error.jte",
        new Views.ErrorView(
            Chrome.of("That did not work", "", s),
            e.errorCode().code(),
            e.getMessage(),
            requestId,
            back));
  }

  private static void refused(ServerResponse res, ConsoleSession s, String code, String message) {
    ConsoleHttp.render(
        res,
        403,
        "error.jte",
        new Views.ErrorView(Chrome.of("Refused", "", s), code, message, null, "/console/overview"));
  }

  private static void crashed(
      ServerResponse res, ConsoleSession s, RuntimeException e, String requestId) {
    LOG.log(System.Logger.Level.ERROR, "console request " + requestId + " failed", e);
    ConsoleHttp.render(
        res,
        500,
        "error.jte",
        new Views.ErrorView(
            Chrome.of("Something went wrong", "", s),
            "InternalError",
            "The EKM could not complete this request; its log names the request id.",
            requestId,
            "/console/overview"));
  }
}
