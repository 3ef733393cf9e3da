package io.ekms.ekm.http.gcp;

import io.ekms.common.json.Base64Field;
import io.ekms.common.secret.Wipe;
import io.ekms.core.audit.Refusals;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.ekms.core.http.Request;
import io.ekms.core.http.RequestMetrics;
import io.ekms.ekm.auth.GoogleIdTokens;
import io.ekms.ekm.domain.gcp.GcpError;
import io.ekms.ekm.domain.gcp.GcpKeyStore;
import io.ekms.ekm.domain.gcp.GcpKeyStore.ExposedKey;
import io.ekms.ekm.domain.gcp.WrappedBlob;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.CallContext;
import io.ekms.ekm.service.GcpCrypto;
import io.ekms.ekm.service.GcpDirectory;
import io.ekms.ekm.service.GcpThrottle;
import io.ekms.ekm.service.PolicyCaller;
import io.helidon.webserver.http.HttpRouting;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Cloud EKM API (docs/google-ekm.md) of every Google key store: {@code POST
 * <prefix>/v0/keys/<name>:wrap}, {@code :unwrap} and {@code GET <prefix>/v0/info}. One handler
 * serves them all, so a key store added or changed through the admin API is served at once. Order
 * of checks: path (404), method (404), ID token (401, or 503 when the issuer's keys cannot be
 * fetched), rate (429), service account (403), body (400), key (404), access reason (403), then the
 * operation.
 */
public final class GcpRoutes {
  static final int MAX_BODY = 192 * 1024;
  private static final Pattern ROUTE =
      Pattern.compile("(/[A-Za-z0-9/_-]*)?/v0/(?:keys/[^/]*|info)");
  private static final Pattern OPERATION = Pattern.compile("/keys/([^/]+):(wrap|unwrap)");
  private static final String VERSION =
      GcpRoutes.class.getPackage().getImplementationVersion() == null
          ? "dev"
          : GcpRoutes.class.getPackage().getImplementationVersion();
  private final GcpDirectory directory;
  private final GoogleIdTokens tokens;
  private final GcpCrypto crypto;
  private final AuditTrail audit;
  private final GcpThrottle throttle = new GcpThrottle();
  private final Exchange<GcpCaller> exchange;

  /** A verified call of one key store: the store, the key name and operation, and who calls. */
  private record GcpCaller(
      GcpKeyStore store, String keyName, String operation, String email, CallContext ctx) {}

  /** The server's {@code /info} answer: nothing secret. */
  record Info(String vendor, String version, int keys) {}

  /** A wrap's answer. */
  record WrapResponse(String wrappedBlob) {}

  /** An unwrap's answer: nothing may be cached. */
  record UnwrapResponse(String plaintext, String allowedCacheDuration) {
    @Override
    public String toString() {
      return "UnwrapResponse[[REDACTED]]";
    }
  }

  public GcpRoutes(
      GcpDirectory directory,
      GoogleIdTokens tokens,
      GcpCrypto crypto,
      AuditTrail audit,
      Refusals refusals,
      RequestMetrics metrics) {
    this.directory = directory;
    this.tokens = tokens;
    this.crypto = crypto;
    this.audit = audit;
    this.exchange =
        Exchange.builder(this::caller, GcpErrors.TABLE)
            .refusals(refusals)
            .audit(
                (caller, operation, request, code) ->
                    audit.recordIfPending(
                        caller.ctx(), operation, new AuditTrail.Target(null, null, null), code))
            .metrics(metrics)
            .maxBody(MAX_BODY)
            .build();
  }

  /** Registers the one handler; it takes only paths of the Cloud EKM API's shape. */
  public void routing(HttpRouting.Builder routing) {
    io.helidon.webserver.http.Handler gcp = exchange.route("GcpUnknown", this::answer);
    routing.any(
        (req, res) -> {
          if (ROUTE.matcher(req.path().rawPath()).matches()) {
            gcp.handle(req, res);
          } else {
            res.next();
          }
        });
  }

  /** The key store and operation the path names, the method, and the caller's ID token. */
  private GcpCaller caller(Request request) {
    String path = request.rawPath();
    GcpKeyStore store =
        directory
            .byPath(path)
            .orElseThrow(() -> GcpError.NOT_FOUND.error("No Cloud EKM key store at this path."));
    String rest = path.substring(store.basePath().length());
    Matcher m = OPERATION.matcher(rest);
    boolean keyOp = m.matches();
    if (keyOp ? !GcpKeyStore.validKeyName(m.group(1)) : !rest.equals("/info")) {
      throw GcpError.NOT_FOUND.error("No Cloud EKM operation at this path.");
    }
    String operation = keyOp ? (m.group(2).equals("wrap") ? "GcpWrap" : "GcpUnwrap") : "GcpInfo";
    request.operation(operation);
    if (!request.method().equals(keyOp ? "POST" : "GET")) {
      throw GcpError.NOT_FOUND.error(
          "No Cloud EKM operation at this path for method " + request.method() + ".");
    }
    GoogleIdTokens.Caller caller =
        tokens.verify(
            request.header("Authorization"),
            new GoogleIdTokens.Trust(
                store.issuer(), store.jwksUrl(), store.caBundlePem(), store.audiences()));
    CallContext ctx =
        new CallContext(
            request.requestId(),
            "gcp:" + store.name() + ":" + caller.email(),
            caller.email(),
            store.issuer());
    return new GcpCaller(store, keyOp ? m.group(1) : null, operation, caller.email(), ctx);
  }

  private Reply answer(Request request, GcpCaller caller) {
    throttle.acquire(caller.store());
    if (!caller.store().allows(caller.email())) {
      throw GcpError.PERMISSION_DENIED.error(
          "The caller's service account may not use this key store.");
    }
    if (caller.keyName() == null) {
      return new Reply(200, new Info("ekms", VERSION, caller.store().keys().size()));
    }
    boolean wrap = caller.operation().equals("GcpWrap");
    try (GcpRequest body = GcpRequest.read(request.body(), wrap ? "plaintext" : "wrappedBlob")) {
      body.checkKeyPath(caller.keyName());
      CallContext ctx =
          caller
              .ctx()
              .withDetails(body.auditDetails())
              .withPolicy(
                  PolicyCaller.gcp(
                      caller.email(), body.reason().name(), caller.store().id(), request.source()));
      ExposedKey key =
          directory
              .exposedKey(caller.store().id(), caller.keyName())
              .orElseThrow(() -> GcpError.NOT_FOUND.error("The key store has no such key."));
      if (caller.store().deniedReasons().contains(body.reason())) {
        audit.record(
            ctx,
            caller.operation(),
            new AuditTrail.Target(key.vaultId(), key.keyId(), null),
            GcpError.REASON_DENIED.code());
        throw GcpError.REASON_DENIED.error(
            "The key store refuses access reason " + body.reason() + ".");
      }
      return wrap ? wrap(ctx, key, body) : unwrap(ctx, key, body);
    }
  }

  private Reply wrap(CallContext ctx, ExposedKey key, GcpRequest body) {
    byte[] blob = crypto.wrap(ctx, key, body.data(), body.aad());
    return new Reply(200, new WrapResponse(Base64Field.encode(blob)));
  }

  private Reply unwrap(CallContext ctx, ExposedKey key, GcpRequest body) {
    WrappedBlob blob;
    try {
      blob = WrappedBlob.parse(body.data());
    } catch (IllegalArgumentException e) {
      audit.record(
          ctx,
          "GcpUnwrap",
          new AuditTrail.Target(key.vaultId(), key.keyId(), null),
          GcpError.INVALID_ARGUMENT.code());
      throw GcpError.INVALID_ARGUMENT.error("Field 'wrappedBlob' is not a blob this EKM wrapped.");
    }
    byte[] plaintext = crypto.unwrap(ctx, key, blob, body.aad());
    try {
      return new Reply(200, new UnwrapResponse(Base64Field.encode(plaintext), "0s"));
    } finally {
      Wipe.bytes(plaintext);
    }
  }
}
