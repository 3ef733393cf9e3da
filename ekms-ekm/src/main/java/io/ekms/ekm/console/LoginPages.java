package io.ekms.ekm.console;

import io.ekms.core.audit.Refusals;
import io.ekms.core.http.Peers;
import io.ekms.core.http.RequestId;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Sign-in with the admin credential and sign-out. A refused sign-in is counted in the bounded
 * refusal records, like a refused admin API call; a session ended by its idle timeout comes back
 * here with a notice.
 */
final class LoginPages {
  private final ConsoleGate gate;
  private final Refusals refusals;

  LoginPages(ConsoleGate gate, Refusals refusals) {
    this.gate = gate;
    this.refusals = refusals;
  }

  void routing(HttpRouting.Builder r) {
    r.get("/console", (req, res) -> ConsoleHttp.redirect(res, "/console/overview"));
    r.get("/console/", (req, res) -> ConsoleHttp.redirect(res, "/console/overview"));
    r.get("/console/login", this::show);
    r.post("/console/login", this::login);
    r.post(
        "/console/logout",
        gate.action(
            "ConsoleLogout",
            (form, s, requestId, req, res) -> {
              gate.sessions().logout(s, ConsoleHttp.cookie(req), requestId);
              ConsoleHttp.clearCookie(res);
              ConsoleHttp.redirect(res, "/console/login?out=1");
            }));
  }

  private void show(ServerRequest req, ServerResponse res) {
    if (gate.sessions().resume(ConsoleHttp.cookie(req)).isPresent()) {
      ConsoleHttp.redirect(res, "/console/overview");
      return;
    }
    Chrome chrome = Chrome.of("Sign in", "", null);
    if (req.query().contains("expired")) {
      chrome = chrome.withNotice("Your session ended. Sign in again to go on.");
    } else if (req.query().contains("out")) {
      chrome = chrome.withNotice("You are signed out.");
    }
    ConsoleHttp.render(res, 200, "login.jte", chrome);
  }

  private void login(ServerRequest req, ServerResponse res) {
    String requestId = RequestId.generate();
    if (!ConsoleHttp.sameOrigin(req)) {
      refuse(
          req,
          res,
          requestId,
          403,
          "CrossOriginRefused",
          "The request did not come from this console.");
      return;
    }
    String token = ConsoleHttp.form(req).first("token").orElse(null);
    var opened = gate.sessions().login(token, requestId);
    if (opened.isEmpty()) {
      refuse(req, res, requestId, 401, "AdminUnauthorized", "That is not the EKM's admin token.");
      return;
    }
    ConsoleHttp.setCookie(res, opened.get().cookie(), gate.sessions().maxAge());
    ConsoleHttp.redirect(res, "/console/overview");
  }

  /** Counts a refused sign-in in the refusal records and shows the sign-in page again. */
  private void refuse(
      ServerRequest req,
      ServerResponse res,
      String requestId,
      int status,
      String reason,
      String sentence) {
    refusals.refused(Peers.address(req), "ConsoleLogin", reason, requestId);
    ConsoleHttp.render(
        res, status, "login.jte", Chrome.of("Sign in", "", null).withError(sentence));
  }
}
