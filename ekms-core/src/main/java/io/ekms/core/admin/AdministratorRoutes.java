package io.ekms.core.admin;

import io.ekms.core.audit.AuditMark;
import io.ekms.core.audit.AuditSubject;
import io.ekms.core.audit.AuditTrail;
import io.ekms.core.audit.AuditUnavailableException;
import io.ekms.core.audit.Refusals;
import io.ekms.core.http.ErrorTable;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.ekms.core.http.Request;
import io.ekms.core.http.RequestMetrics;
import io.helidon.webserver.http.HttpRouting;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /admin/v1/administrators} and {@code /admin/v1/whoami} of an admin API: create (the token
 * answered once), list, get, remove, rotate a token; every change audited under the calling
 * administrator, with the administrator it touched as the record's target.
 */
public final class AdministratorRoutes {
  private static final String A = "/admin/v1/administrators";
  private final AdminAccess access;
  private final AuditTrail audit;
  private final Exchange<Call> exchange;

  /** An admitted call: who, under which request id, whether its record was written. */
  record Call(Administrator admin, String requestId, AuditMark mark) {
    /** The record's subject; {@code administrator}, when not null, the one the call touches. */
    AuditSubject subject(String administrator) {
      return new AuditSubject(
          requestId,
          admin.caller(),
          mark,
          administrator == null ? Map.of() : Map.of("administrator", administrator));
    }
  }

  record Create(String name, List<String> roles) {}

  record Listed(List<AdministratorView> items) {}

  public AdministratorRoutes(
      AdminAccess access,
      AuditTrail audit,
      ErrorTable errors,
      Refusals refusals,
      RequestMetrics metrics) {
    this.access = access;
    this.audit = audit;
    this.exchange =
        Exchange.builder(
                access.authenticator((admin, id) -> new Call(admin, id, new AuditMark())), errors)
            .refusals(refusals)
            .audit(
                (call, operation, request, code) ->
                    audit.recordIfPending(
                        call.subject(request.path("name")),
                        operation,
                        AuditTrail.Target.NONE,
                        code))
            .metrics(metrics)
            .operations(access.roles()::knows)
            .holds(access.quorum())
            .maxBody(4096)
            .build();
  }

  public void routing(HttpRouting.Builder r) {
    r.post(A, exchange.route(RoleTable.CREATE_ADMINISTRATOR, this::create));
    r.get(A, exchange.route("ListAdministrators", (req, call) -> new Reply(200, list())));
    r.get(
        A + "/{name}",
        exchange.route(
            "GetAdministrator",
            (req, call) ->
                new Reply(
                    200, AdministratorView.of(access.directory().get(req.path("name")), null))));
    r.delete(
        A + "/{name}",
        exchange.route(
            "RemoveAdministrator",
            (req, call) -> {
              String name = req.path("name");
              audited(
                  call,
                  "RemoveAdministrator",
                  name,
                  () -> access.directory().remove(call.admin, name));
              return new Reply(204, null);
            }));
    r.post(
        A + "/{name}/rotate-token",
        exchange.route(
            "RotateAdministratorToken",
            (req, call) -> {
              String name = req.path("name");
              var issued =
                  audited(
                      call,
                      "RotateAdministratorToken",
                      name,
                      () -> access.directory().rotateToken(name));
              return new Reply(200, AdministratorView.of(issued.administrator(), issued.token()));
            }));
    r.get(
        "/admin/v1/whoami",
        exchange.route(
            "WhoAmI", (req, call) -> new Reply(200, AdministratorView.of(call.admin, null))));
    if (access.quorum() != null) {
      new QuorumRoutes(access.quorum()).routing(r, exchange);
    }
  }

  private Reply create(Request req, Call call) {
    Create body = req.json(Create.class);
    Set<AdminRole> roles = roles(body.roles());
    var issued =
        audited(
            call,
            RoleTable.CREATE_ADMINISTRATOR,
            body.name(),
            () -> access.directory().create(call.admin, body.name(), roles));
    return new Reply(201, AdministratorView.of(issued.administrator(), issued.token()));
  }

  private Listed list() {
    return new Listed(
        access.directory().list().stream().map(a -> AdministratorView.of(a, null)).toList());
  }

  private Set<AdminRole> roles(List<String> names) {
    if (names == null || names.isEmpty() || names.size() > AdminRole.values().length) {
      throw access.errors().invalid("'roles' names one to four roles.");
    }
    Set<AdminRole> out = EnumSet.noneOf(AdminRole.class);
    for (String n : names) {
      out.add(
          AdminRole.named(n)
              .orElseThrow(
                  () ->
                      access
                          .errors()
                          .invalid(
                              "Unknown role; the roles are security-officer, key-custodian,"
                                  + " auditor and operator.")));
    }
    return out;
  }

  private <T> T audited(Call call, String operation, String name, Supplier<T> work) {
    try {
      return audit.run(call.subject(name), operation, AuditTrail.Target.NONE, null, null, work);
    } catch (AuditUnavailableException e) {
      throw access.errors().auditUnavailable();
    }
  }
}
