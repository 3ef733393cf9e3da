package io.ekms.ekm.http.xks;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.common.secret.SecretBytes;
import io.ekms.core.audit.Refusals;
import io.ekms.core.error.ApiException;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.ekms.core.http.Request;
import io.ekms.core.http.RequestId;
import io.ekms.core.http.RequestMetrics;
import io.ekms.core.http.Responses;
import io.ekms.ekm.auth.xks.SecretSealer;
import io.ekms.ekm.auth.xks.SigV4Verifier;
import io.ekms.ekm.domain.xks.XksError;
import io.ekms.ekm.domain.xks.XksKeyStore;
import io.ekms.ekm.domain.xks.XksKeyStore.ExposedKey;
import io.ekms.ekm.http.xks.XksBodies.FleetDetail;
import io.ekms.ekm.http.xks.XksBodies.HealthRequest;
import io.ekms.ekm.http.xks.XksBodies.HealthResponse;
import io.ekms.ekm.http.xks.XksBodies.KeyMetadataRequest;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.CallContext;
import io.ekms.ekm.service.HealthProbe;
import io.ekms.ekm.service.PolicyCaller;
import io.ekms.ekm.service.XksCrypto;
import io.ekms.ekm.service.XksDirectory;
import io.ekms.ekm.service.XksMessages.DecryptRequest;
import io.ekms.ekm.service.XksMessages.EncryptRequest;
import io.ekms.ekm.service.XksOperations;
import io.ekms.ekm.service.XksThrottle;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The XKS proxy API (docs/protocols/aws-xks.md) of every configured key store, under {@code
 * /<prefix>/kms/xks/v1}. One handler serves them all, so a key store added or changed through the
 * admin API is served at once. Order of checks: path (404), method (405), body size, signature
 * (401), rate (429), body (400), then the operation.
 */
public final class XksRoutes {
  static final int MAX_BODY = 64 * 1024;
  private static final String MARK = "/kms/xks/v1/";
  private static final Pattern KEY_OP = Pattern.compile("/keys/([^/]+)/(metadata|encrypt|decrypt)");
  private static final int MAX_SIGNING_KEYS = 4096;
  private final XksDirectory directory;
  private final SecretSealer sealer;
  private final SigV4Verifier verifier;
  private final XksOperations operations;
  private final HealthProbe health;
  private final XksThrottle throttle;
  private final java.util.concurrent.ConcurrentHashMap<String, byte[]> signingKeys =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Exchange<XksCaller> exchange;

  /** A signed call of one key store: the store, its path's operation, and who signed it. */
  private record XksCaller(XksKeyStore store, Matcher keyOp, CallContext ctx) {}

  public XksRoutes(
      XksDirectory directory,
      SecretSealer sealer,
      XksCrypto crypto,
      HealthProbe health,
      AuditTrail audit,
      Refusals refusals,
      RequestMetrics metrics,
      Clock clock,
      java.util.function.LongSupplier rateTicker) {
    this.directory = directory;
    this.throttle = new XksThrottle(rateTicker);
    this.sealer = sealer;
    this.verifier = new SigV4Verifier(clock);
    this.operations = new XksOperations(crypto);
    this.health = health;
    this.exchange =
        Exchange.builder(this::caller, XksErrors.TABLE)
            .refusals(refusals)
            .audit(
                (caller, operation, request, code) ->
                    audit.recordIfPending(
                        caller.ctx(),
                        operation,
                        new AuditTrail.Target(
                            null, caller.keyOp() == null ? null : caller.keyOp().group(1), null),
                        code))
            .metrics(metrics)
            .maxBody(MAX_BODY)
            .build();
  }

  /** Registers the one handler; register it after every other API's routes. */
  public void routing(HttpRouting.Builder routing) {
    io.helidon.webserver.http.Handler xks = exchange.route("XksUnknown", this::answer);
    routing.any(
        (req, res) -> {
          if (req.path().rawPath().contains(MARK)) {
            xks.handle(req, res);
          } else {
            res.next();
          }
        });
  }

  /**
   * The key store and operation the path names (404), POST (405), the body within its bound, and
   * the SigV4 signature of one of the store's credentials (401); the exchange counts a refusal.
   */
  private XksCaller caller(Request request) {
    String path = request.rawPath();
    XksKeyStore store = directory.byPath(path).orElseThrow(XksRoutes::noSuchPath);
    String rest = path.substring(store.basePath().length());
    Matcher m = KEY_OP.matcher(rest);
    boolean keyOp = m.matches();
    if (!keyOp && !rest.equals("/health")) {
      throw noSuchPath();
    }
    request.operation(keyOp ? "Xks" + m.group(2) : "XksHealth");
    if (!request.method().equals("POST")) {
      throw XksError.METHOD_NOT_ALLOWED.error("XKS operations use POST.");
    }
    String akid =
        verifier.verify(
            new SigV4Verifier.Signed("POST", path, request::headers, request.body()),
            scope -> signingKey(store, scope));
    CallContext ctx =
        new CallContext(request.requestId(), "xks:" + store.name() + ":" + akid, null, null);
    return new XksCaller(store, keyOp ? m : null, ctx);
  }

  /** The store's rate (429), then the operation. */
  private Reply answer(Request request, XksCaller caller) {
    throttle.acquire(caller.store());
    Matcher m = caller.keyOp();
    Object reply =
        m != null
            ? keyOperation(caller.store(), m.group(1), m.group(2), request, caller.ctx())
            : health(request.body());
    return new Reply(200, reply);
  }

  private Object keyOperation(
      XksKeyStore store, String keyId, String op, Request request, CallContext authenticated) {
    byte[] body = request.body();
    if (!XksKeyStore.validExternalKeyId(keyId)) {
      throw XksError.VALIDATION.error("The key id in the path is not a valid external key id.");
    }
    EncryptRequest encrypt = null;
    DecryptRequest decrypt = null;
    JsonNode metadata;
    switch (op) {
      case "encrypt" -> {
        encrypt = Json.read(body, EncryptRequest.class);
        metadata = encrypt.requestMetadata();
      }
      case "decrypt" -> {
        decrypt = Json.read(body, DecryptRequest.class);
        metadata = decrypt.requestMetadata();
      }
      default -> metadata = Json.read(body, KeyMetadataRequest.class).requestMetadata();
    }
    String kmsRequestId = RequestMetadata.check(metadata, true);
    CallContext ctx =
        (RequestId.isValid(kmsRequestId)
                ? authenticated.withRequestId(kmsRequestId)
                : authenticated)
            .withPolicy(
                PolicyCaller.xks(
                    metadata.path("awsPrincipalArn").asText(),
                    kmsRequestId,
                    store.id(),
                    request.source()));
    ExposedKey key =
        directory
            .exposedKey(store.id(), keyId)
            .orElseThrow(() -> XksError.KEY_NOT_FOUND.error("The key store has no such key."));
    if (encrypt != null) {
      return operations.encrypt(ctx, key, encrypt);
    }
    return decrypt != null ? operations.decrypt(ctx, key, decrypt) : operations.metadata(ctx, key);
  }

  private HealthResponse health(byte[] body) {
    RequestMetadata.check(Json.read(body, HealthRequest.class).requestMetadata(), false);
    return new HealthResponse(
        1, "ekms", "ekms-ekm", "ekms", List.of(new FleetDetail("ekm-1", "ekms", health.status())));
  }

  /**
   * The signing key of a live credential of {@code store}. Derived keys are kept per sealed secret,
   * day and region (the secret itself is opened only to derive one), so a removed or replaced
   * credential stops working at the next request.
   */
  private Optional<byte[]> signingKey(XksKeyStore store, SigV4Verifier.Scope scope) {
    return store.credentials().stream()
        .filter(c -> c.accessKeyId().equals(scope.accessKeyId()))
        .findFirst()
        .map(
            c -> {
              String cacheKey = c.sealedSecret() + "|" + scope.date() + "|" + scope.region();
              byte[] key = signingKeys.get(cacheKey);
              if (key == null) {
                try (SecretBytes secret = sealer.open(c.accessKeyId(), c.sealedSecret())) {
                  key = SigV4Verifier.signingKey(secret, scope);
                }
                if (signingKeys.size() >= MAX_SIGNING_KEYS) {
                  signingKeys.clear();
                }
                signingKeys.put(cacheKey, key);
              }
              return key;
            });
  }

  /**
   * For the XKS API's own listener, after {@link #routing}: every path no route took (health and
   * metrics included) answers InvalidUriPathException in the XKS error shape.
   */
  public static void fallback(HttpRouting.Builder routing) {
    routing.any(
        (req, res) -> {
          RequestId.bind(req, res);
          ApiException error = noSuchPath();
          Responses.json(
              res,
              error.status(),
              new XksBodies.ErrorResponse(error.errorCode().code(), error.getMessage()));
        });
  }

  private static ApiException noSuchPath() {
    return XksError.INVALID_URI_PATH.error("No XKS operation at this path.");
  }
}
