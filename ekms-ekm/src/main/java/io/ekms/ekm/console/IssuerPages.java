package io.ekms.ekm.console;

import io.ekms.core.http.RequestId;
import io.helidon.webserver.http.HttpRouting;

/**
 * Trusted token issuers: the list, add one (by JWKS or discovery URL, optional CA bundle), remove
 * one no vault trusts.
 */
final class IssuerPages extends PageGroup {

  IssuerPages(ConsoleGate gate, ConsoleServices services) {
    super(gate, services);
  }

  @Override
  void routing(HttpRouting.Builder r) {
    r.get(
        "/console/issuers",
        gate.page(
            (req, res, s) ->
                ConsoleHttp.render(
                    res,
                    200,
                    "issuers.jte",
                    new Views.IssuersView(
                        Chrome.of("Issuers", "issuers", s).withNotice(Notices.of(req)),
                        services.issuers().listIssuers(s.context(RequestId.generate()))))));
    r.post(
        "/console/issuers",
        gate.action(
            "AddIssuer",
            (form, s, requestId, req, res) -> {
              services
                  .issuers()
                  .addIssuer(
                      s.context(requestId),
                      Forms.text(form, "issuer"),
                      Forms.text(form, "jwksUri"),
                      Forms.text(form, "discoveryUrl"),
                      Forms.text(form, "caBundle"));
              ConsoleHttp.redirect(
                  res, Notices.link("/console/issuers", "issuer-added", requestId));
            }));
    r.post(
        "/console/issuers/{issuerId}/remove",
        gate.action(
            "RemoveIssuer",
            (form, s, requestId, req, res) -> {
              services.issuers().removeIssuer(s.context(requestId), Forms.pathId(req, "issuerId"));
              ConsoleHttp.redirect(
                  res, Notices.link("/console/issuers", "issuer-removed", requestId));
            }));
  }
}
