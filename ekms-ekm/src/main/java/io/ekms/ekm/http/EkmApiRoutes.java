package io.ekms.ekm.http;

import io.ekms.core.error.ApiException;
import io.ekms.core.http.Bodies;
import io.ekms.core.http.JsonExchange;
import io.ekms.core.http.JsonExchange.Reply;
import io.ekms.core.json.Base64Field;
import io.ekms.core.json.Json;
import io.ekms.core.secret.Wipe;
import io.ekms.ekm.auth.TokenRejectedException;
import io.ekms.ekm.auth.TokenValidator;
import io.ekms.ekm.auth.VerifiedToken;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.KeyVersionState;
import io.ekms.ekm.http.ApiBodies.DecryptRequest;
import io.ekms.ekm.http.ApiBodies.EncryptRequest;
import io.ekms.ekm.http.ApiBodies.RandomRequest;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.CallContext;
import io.ekms.ekm.service.CryptoService;
import io.ekms.ekm.service.EkmError;
import io.ekms.ekm.service.RateLimiter;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;

/** The OCI EKM API (ekm-api.md): six operations under {@code /oci/ekm/v1/vaults/{vaultId}}. */
public final class EkmApiRoutes {
  public static final String BASE = "/oci/ekm/v1/vaults/{vaultId}";
  static final int MAX_BODY = 128 * 1024;
  private static final String MODE = "AES_GCM";

  private final CryptoService crypto;
  private final TokenValidator tokens;
  private final AuditTrail audit;
  private final JsonExchange exchange;
  private final RateLimiter limiter;

  public EkmApiRoutes(
      CryptoService crypto,
      TokenValidator tokens,
      AuditTrail audit,
      RateLimiter limiter,
      io.ekms.core.http.RequestMetrics metrics) {
    this.limiter = limiter;
    this.crypto = crypto;
    this.tokens = tokens;
    this.audit = audit;
    this.exchange = new JsonExchange(metrics, ErrorMapper::map);
  }

  public void routing(HttpRouting.Builder routing) {
    routing
        .get(BASE + "/metadata", exchange.route("GetVaultMetadata", this::vaultMetadata))
        .get(BASE + "/keys/{keyId}/metadata", exchange.route("GetKeyMetadata", this::keyMetadata))
        .get(
            BASE + "/keys/{keyId}/keyVersions/{versionId}/metadata",
            exchange.route("GetKeyVersionMetadata", this::versionMetadata))
        .post(BASE + "/keys/{keyId}/encrypt", exchange.route("Encrypt", this::encrypt))
        .post(BASE + "/keys/{keyId}/decrypt", exchange.route("Decrypt", this::decrypt))
        .post(BASE + "/generateRandomBytes", exchange.route("GenerateRandomBytes", this::random));
  }

  private Reply vaultMetadata(ServerRequest req, String requestId) {
    var vault = crypto.vaultMetadata(caller(req, requestId, "GetVaultMetadata"), vault(req));
    return new Reply(200, new ApiBodies.VaultMetadata(vault.state().name(), "ekms"));
  }

  private Reply keyMetadata(ServerRequest req, String requestId) {
    Key key = crypto.keyMetadata(caller(req, requestId, "GetKeyMetadata"), vault(req), key(req));
    return new Reply(
        200,
        new ApiBodies.KeyMetadata(
            key.id(),
            key.currentVersionId(),
            new ApiBodies.KeyShape(Key.ALGORITHM, key.lengthBits()),
            key.state().name(),
            key.ops().stream().map(Enum::name).sorted().toList()));
  }

  private Reply versionMetadata(ServerRequest req, String requestId) {
    String versionId = req.path().pathParameters().get("versionId");
    CallContext ctx = caller(req, requestId, "GetKeyVersionMetadata");
    var info = crypto.keyVersionMetadata(ctx, vault(req), key(req), versionId);
    KeyVersion v = info.version();
    Key key = info.key();
    List<String> ops =
        v.state() == KeyVersionState.ACTIVE
            ? key.ops().stream().map(Enum::name).sorted().toList()
            : List.of();
    return new Reply(
        200, new ApiBodies.KeyVersionMetadata(v.keyId(), v.id(), v.state().name(), ops));
  }

  private Reply encrypt(ServerRequest req, String requestId) {
    CallContext ctx = caller(req, requestId, "Encrypt");
    EncryptRequest body = Json.read(Bodies.read(req, MAX_BODY), EncryptRequest.class);
    byte[] plaintext = Fields.b64("plaintext", body.plaintext(), 1, 65_536);
    CryptoService.Encrypted out;
    try {
      byte[] aad = Fields.optionalB64("aad", body.aad(), 8192);
      out = crypto.encrypt(ctx, vault(req), key(req), body.keyVersionId(), plaintext, aad);
    } finally {
      Wipe.bytes(plaintext);
    }
    return new Reply(
        200,
        new ApiBodies.EncryptResponse(
            Base64Field.encode(out.output().ciphertext()),
            Base64Field.encode(out.output().iv()),
            Base64Field.encode(out.output().tag()),
            MODE,
            out.keyId(),
            out.keyVersionId()));
  }

  private Reply decrypt(ServerRequest req, String requestId) {
    CallContext ctx = caller(req, requestId, "Decrypt");
    DecryptRequest body = Json.read(Bodies.read(req, MAX_BODY), DecryptRequest.class);
    if (!MODE.equals(Fields.required("mode", body.mode()))) {
      throw EkmError.INVALID_REQUEST.error("Field 'mode' must be AES_GCM.");
    }
    byte[] ciphertext = Fields.b64("ciphertext", body.ciphertext(), 1, 65_536);
    byte[] iv = Fields.b64("iv", body.iv(), 12, 12);
    byte[] tag = Fields.b64("tag", body.tag(), 16, 16);
    byte[] aad = Fields.optionalB64("aad", body.aad(), 8192);
    String versionId = Fields.required("keyVersionId", body.keyVersionId());
    var out = crypto.decrypt(ctx, vault(req), key(req), versionId, ciphertext, iv, tag, aad);
    try {
      return new Reply(
          200,
          new ApiBodies.DecryptResponse(
              Base64Field.encode(out.plaintext()), out.keyId(), out.keyVersionId()));
    } finally {
      Wipe.bytes(out.plaintext());
    }
  }

  private Reply random(ServerRequest req, String requestId) {
    CallContext ctx = caller(req, requestId, "GenerateRandomBytes");
    RandomRequest body = Json.read(Bodies.read(req, MAX_BODY), RandomRequest.class);
    Integer length = body.length();
    if (length == null || length < 1 || length > 65_535) {
      throw EkmError.INVALID_REQUEST.error("Field 'length' must be 1 to 65535.");
    }
    byte[] bytes = crypto.randomBytes(ctx, vault(req), length);
    try {
      return new Reply(201, new ApiBodies.RandomResponse(Base64Field.encode(bytes), length));
    } finally {
      Wipe.bytes(bytes);
    }
  }

  /**
   * Verifies the bearer token and takes the request from the vault's rate budget; a refusal is
   * audited before it is answered.
   */
  private CallContext caller(ServerRequest req, String requestId, String operation) {
    String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
    AuditTrail.Target target = new AuditTrail.Target(vault(req), null, null);
    CallContext ctx;
    try {
      VerifiedToken token = tokens.validate(header);
      ctx = CallContext.client(requestId, token.clientId(), token.issuer());
    } catch (TokenRejectedException e) {
      audit.record(
          new CallContext(requestId, "unauthenticated", null, null),
          operation,
          target,
          EkmError.INVALID_TOKEN.code());
      throw e;
    }
    try {
      limiter.acquire(vault(req));
    } catch (ApiException e) {
      audit.record(ctx, operation, target, e.errorCode().code());
      throw e;
    }
    return ctx;
  }

  private static String vault(ServerRequest req) {
    return req.path().pathParameters().get("vaultId");
  }

  private static String key(ServerRequest req) {
    return req.path().pathParameters().get("keyId");
  }
}
