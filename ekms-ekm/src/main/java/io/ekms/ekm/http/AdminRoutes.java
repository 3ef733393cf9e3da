package io.ekms.ekm.http;

import io.ekms.core.admin.AdminAccess;
import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.Refusals;
import io.ekms.core.http.AuditQuery;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.ekms.core.http.Request;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyOp;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.KeyVersionState;
import io.ekms.ekm.http.AdminViews.CreateKey;
import io.ekms.ekm.http.AdminViews.DeleteKey;
import io.ekms.ekm.http.AdminViews.KeyView;
import io.ekms.ekm.http.AdminViews.ListView;
import io.ekms.ekm.http.AdminViews.VersionView;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.CallContext;
import io.ekms.ekm.service.EkmError;
import io.ekms.ekm.service.KeyAdmin;
import io.ekms.ekm.service.KeyDeletions;
import io.ekms.ekm.service.VersionAdmin;
import io.helidon.webserver.http.HttpRouting;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The admin API of keys, their versions and the audit log, under {@code /admin/v1} on the admin
 * listener, behind the admin credential; issuers and vaults are {@link VaultAdminRoutes}'.
 */
public final class AdminRoutes {
  private static final String V = "/admin/v1/vaults/{vaultId}";
  private static final String K = V + "/keys/{keyId}";
  private static final int MAX_BODY = 128 * 1024;

  private final KeyAdmin keys;
  private final KeyDeletions deletions;
  private final VersionAdmin versions;
  private final AuditLog auditLog;
  private final Exchange<CallContext> gate;

  public AdminRoutes(
      KeyAdmin keys,
      KeyDeletions deletions,
      VersionAdmin versions,
      AuditLog auditLog,
      AuditTrail audit,
      Refusals refusals,
      AdminAccess access,
      io.ekms.core.http.RequestMetrics metrics) {
    this.keys = keys;
    this.deletions = deletions;
    this.versions = versions;
    this.auditLog = auditLog;
    this.gate = AdminGate.exchange(access, refusals, audit, metrics, MAX_BODY);
  }

  public void routing(HttpRouting.Builder r) {
    keyRoutes(r);
    r.get(
        "/admin/v1/audit",
        route(
            "ReadAudit",
            (req, ctx) ->
                new Reply(
                    200,
                    new ListView<>(
                        AuditQuery.of(req, EkmError.INVALID_REQUEST::error).read(auditLog)))));
    r.get(
        "/admin/v1/audit/verify",
        route("VerifyAudit", (req, ctx) -> new Reply(200, auditLog.verify())));
  }

  private void keyRoutes(HttpRouting.Builder r) {
    r.post(
        V + "/keys",
        route(
            "CreateKey",
            (req, ctx) -> {
              var b = body(req, CreateKey.class);
              return new Reply(
                  201,
                  KeyView.of(
                      keys.create(
                          ctx,
                          p(req, "vaultId"),
                          b.name(),
                          b.lengthBits(),
                          ops(b.ops()),
                          b.backend())));
            }));
    r.get(
        V + "/keys",
        route(
            "ListKeys",
            (req, ctx) ->
                new Reply(
                    200,
                    ListView.of(
                        keys.list(ctx, p(req, "vaultId"), query(req, "limit"), query(req, "page"))
                            .map(KeyView::of)))));
    r.get(
        K,
        route(
            "GetKey",
            (req, ctx) -> {
              Key key = keys.get(ctx, p(req, "vaultId"), p(req, "keyId"));
              return new Reply(
                  200,
                  KeyView.of(
                      key,
                      key.state() == KeyState.PENDING_DELETION
                          ? deletions.deletionTime(key.id())
                          : null));
            }));
    r.patch(
        K,
        route(
            "UpdateKey",
            (req, ctx) ->
                new Reply(
                    200,
                    KeyView.of(
                        keys.update(
                            ctx, p(req, "vaultId"), p(req, "keyId"), KeyUpdates.of(req))))));
    r.post(
        K + "/rotate",
        route(
            "RotateKey",
            (req, ctx) ->
                new Reply(
                    201, VersionView.of(keys.rotate(ctx, p(req, "vaultId"), p(req, "keyId"))))));
    for (KeyState s : List.of(KeyState.ACTIVE, KeyState.DISABLED)) {
      String verb = s == KeyState.ACTIVE ? "enable" : "disable";
      r.post(
          K + "/" + verb,
          route(
              verb + "Key",
              (req, ctx) ->
                  new Reply(
                      200, KeyView.of(keys.setState(ctx, p(req, "vaultId"), p(req, "keyId"), s)))));
    }
    r.post(
        K + "/delete",
        route(
            "deleteKey",
            (req, ctx) -> {
              Integer days =
                  req.body().length == 0 ? null : body(req, DeleteKey.class).pendingDays();
              var pending = deletions.delete(ctx, p(req, "vaultId"), p(req, "keyId"), days);
              return new Reply(200, KeyView.of(pending.key(), pending.deletionTime()));
            }));
    r.post(
        K + "/cancel-deletion",
        route(
            "CancelKeyDeletion",
            (req, ctx) ->
                new Reply(
                    200, KeyView.of(deletions.cancel(ctx, p(req, "vaultId"), p(req, "keyId"))))));
    r.get(
        K + "/versions",
        route(
            "ListKeyVersions",
            (req, ctx) ->
                new Reply(
                    200,
                    new ListView<>(
                        versions.list(ctx, p(req, "vaultId"), p(req, "keyId")).stream()
                            .map(VersionView::of)
                            .toList()))));
    for (KeyVersionState s : KeyVersionState.values()) {
      String verb =
          switch (s) {
            case ACTIVE -> "enable";
            case DISABLED -> "disable";
            case DESTROYED -> "destroy";
          };
      r.post(
          K + "/versions/{versionId}/" + verb,
          route(
              verb + "KeyVersion",
              (req, ctx) ->
                  new Reply(
                      200,
                      VersionView.of(
                          versions.setState(
                              ctx, p(req, "vaultId"), p(req, "keyId"), p(req, "versionId"), s)))));
    }
  }

  private io.helidon.webserver.http.Handler route(
      String operation, Exchange.Route<CallContext> handler) {
    return gate.route(operation, handler);
  }

  private static <T> T body(Request req, Class<T> type) {
    return req.json(type);
  }

  /** A vault, key or version id of the path, which must be an EKM id. */
  private static String p(Request req, String name) {
    return PathIds.ekm(req, name);
  }

  static String query(Request req, String name) {
    return req.query(name).orElse(null);
  }

  private static long longParam(Request req, String name, long fallback) {
    String value = req.query(name).orElse(null);
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed >= 0 && parsed <= Integer.MAX_VALUE) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw EkmError.INVALID_REQUEST.error("Query parameter '" + name + "' must be a number.");
  }

  static Set<KeyOp> ops(List<String> names) {
    if (names == null) {
      return null;
    }
    Set<KeyOp> out = EnumSet.noneOf(KeyOp.class);
    for (String n : names) {
      try {
        out.add(KeyOp.valueOf(n));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw EkmError.INVALID_REQUEST.error("Field 'ops' may hold only ENCRYPT and DECRYPT.");
      }
    }
    return out;
  }
}
