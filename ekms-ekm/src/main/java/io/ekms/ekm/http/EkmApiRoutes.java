package io.ekms.ekm.http;

import io.ekms.common.json.Base64Field;
import io.ekms.common.secret.Wipe;
import io.ekms.core.audit.Refusals;
import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.ekms.core.http.Request;
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
import io.ekms.ekm.service.KmsRotations;
import io.ekms.ekm.service.PolicyCaller;
import io.helidon.webserver.http.HttpRouting;
import java.util.List;

/**
 * The OCI EKM API (docs/protocols/ekm-api.md): six operations under {@code
 * /oci/ekm/v1/vaults/{vaultId}}, and ekms's extension RotateKey ({@code POST
 * keys/{keyId}/actions/rotate}) unless it is turned off.
 */
public final class EkmApiRoutes {
  public static final String BASE = "/oci/ekm/v1/vaults/{vaultId}";
  static final int MAX_BODY = 128 * 1024;
  private static final String MODE = "AES_GCM";

  private final CryptoService crypto;
  private final KmsRotations rotations;
  private final TokenValidator tokens;
  private final Exchange<CallContext> exchange;

  /** {@code rotations}: the rotate extension, or null to leave it out (404, as other EKMs). */
  public EkmApiRoutes(
      CryptoService crypto,
      KmsRotations rotations,
      TokenValidator tokens,
      AuditTrail audit,
      Refusals refusals,
      io.ekms.core.http.RequestMetrics metrics) {
    this.crypto = crypto;
    this.rotations = rotations;
    this.tokens = tokens;
    this.exchange =
        Exchange.builder(this::caller, ErrorMapper.TABLE)
            .refusals(refusals)
            .audit(
                (ctx, operation, request, code) ->
                    audit.recordIfPending(ctx, operation, target(request), code))
            .metrics(metrics)
            .maxBody(MAX_BODY)
            .build();
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
    if (rotations != null) {
      routing.post(
          BASE + "/keys/{keyId}/actions/rotate", exchange.route("RotateKey", this::rotate));
    }
  }

  /** The rotate extension: 201 with the new current version, or 202 with a pending request. */
  private Reply rotate(Request req, CallContext ctx) {
    String vaultId = vault(req);
    String keyId = key(req);
    return switch (rotations.rotate(ctx, vaultId, keyId)) {
      case KmsRotations.Outcome.Rotated r ->
          new Reply(201, new ApiBodies.Rotated(keyId, r.version().id()));
      case KmsRotations.Outcome.Pending p ->
          new Reply(202, new ApiBodies.RotationPending(keyId, p.pendingRequestId()));
    };
  }

  private Reply vaultMetadata(Request req, CallContext ctx) {
    var vault = crypto.vaultMetadata(ctx, vault(req));
    return new Reply(200, new ApiBodies.VaultMetadata(vault.state().name(), "ekms"));
  }

  private Reply keyMetadata(Request req, CallContext ctx) {
    Key key = crypto.keyMetadata(ctx, vault(req), key(req));
    return new Reply(
        200,
        new ApiBodies.KeyMetadata(
            key.id(),
            key.currentVersionId(),
            new ApiBodies.KeyShape(Key.ALGORITHM, key.lengthBits()),
            key.state().wireName(),
            key.ops().stream().map(Enum::name).sorted().toList()));
  }

  private Reply versionMetadata(Request req, CallContext ctx) {
    String versionId = PathIds.ekm(req, "versionId");
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

  private Reply encrypt(Request req, CallContext ctx) {
    String vaultId = vault(req);
    String keyId = key(req);
    EncryptRequest body = req.json(EncryptRequest.class);
    byte[] plaintext = Fields.b64("plaintext", body.plaintext(), 1, 65_536);
    CryptoService.Encrypted out;
    try {
      byte[] aad = Fields.optionalB64("aad", body.aad(), 8192);
      String versionId = Fields.optionalId("keyVersionId", body.keyVersionId());
      out = crypto.encrypt(ctx, vaultId, keyId, versionId, plaintext, aad);
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

  private Reply decrypt(Request req, CallContext ctx) {
    String vaultId = vault(req);
    String keyId = key(req);
    DecryptRequest body = req.json(DecryptRequest.class);
    if (!MODE.equals(Fields.required("mode", body.mode()))) {
      throw EkmError.INVALID_REQUEST.error("Field 'mode' must be AES_GCM.");
    }
    byte[] ciphertext = Fields.b64("ciphertext", body.ciphertext(), 1, 65_536);
    byte[] iv = Fields.b64("iv", body.iv(), 12, 12);
    byte[] tag = Fields.b64("tag", body.tag(), 16, 16);
    byte[] aad = Fields.optionalB64("aad", body.aad(), 8192);
    String versionId = Fields.id("keyVersionId", body.keyVersionId());
    var out = crypto.decrypt(ctx, vaultId, keyId, versionId, ciphertext, iv, tag, aad);
    try {
      return new Reply(
          200,
          new ApiBodies.DecryptResponse(
              Base64Field.encode(out.plaintext()), out.keyId(), out.keyVersionId()));
    } finally {
      Wipe.bytes(out.plaintext());
    }
  }

  private Reply random(Request req, CallContext ctx) {
    String vaultId = vault(req);
    RandomRequest body = req.json(RandomRequest.class);
    Integer length = body.length();
    if (length == null || length < 1 || length > 65_535) {
      throw EkmError.INVALID_REQUEST.error("Field 'length' must be 1 to 65535.");
    }
    byte[] bytes = crypto.randomBytes(ctx, vaultId, length);
    try {
      return new Reply(201, new ApiBodies.RandomResponse(Base64Field.encode(bytes), length));
    } finally {
      Wipe.bytes(bytes);
    }
  }

  /** The caller its bearer token names; a refused token is counted by the exchange. */
  private CallContext caller(Request req) {
    VerifiedToken token = tokens.validate(req.header("Authorization"));
    return CallContext.client(req.requestId(), token.clientId(), token.issuer())
        .withPolicy(PolicyCaller.oci(token.clientId(), req.source()));
  }

  /** What the request names, as sent (the audit clips it), for records of refused requests. */
  private static AuditTrail.Target target(Request req) {
    return new AuditTrail.Target(req.path("vaultId"), req.path("keyId"), req.path("versionId"));
  }

  private static String vault(Request req) {
    return PathIds.ekm(req, "vaultId");
  }

  private static String key(Request req) {
    return PathIds.ekm(req, "keyId");
  }
}
