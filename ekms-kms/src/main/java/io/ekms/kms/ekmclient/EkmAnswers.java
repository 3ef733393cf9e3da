package io.ekms.kms.ekmclient;

import static io.ekms.kms.ekmclient.AnswerJson.base64;
import static io.ekms.kms.ekmclient.AnswerJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.secret.SecretBytes;
import io.ekms.common.secret.Wipe;
import io.ekms.kms.ekmclient.AnswerJson.Malformed;
import io.ekms.kms.external.ExternalVault;
import io.ekms.kms.external.ExternalVault.KeyInfo;
import io.ekms.kms.external.ExternalVault.Sealed;
import io.ekms.kms.external.ExternalVault.VaultInfo;
import io.ekms.kms.external.ExternalVault.VersionInfo;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns the EKM's success answers into checked results (docs/protocols/ekm-api.md, Operations).
 * Nothing is taken on trust: every field must be present with the documented type and size, states
 * and ops must be the documented ones, ids must be well formed and the ones asked for, keys AES of
 * 128, 192 or 256 bits, and a ciphertext or plaintext must be exactly as long as what it replaces.
 */
final class EkmAnswers {
  static final String MODE = "AES_GCM";
  static final int IV_LENGTH = 12;
  static final int TAG_LENGTH = 16;
  private static final Set<String> VAULT_STATES = Set.of("ACTIVE", "BLOCKED");
  private static final Set<String> KEY_STATES = Set.of("ACTIVE", "DISABLED", "DELETED");
  private static final Set<String> VERSION_STATES = Set.of("ACTIVE", "DISABLED", "DESTROYED");
  private static final Set<String> OPS = Set.of("ENCRYPT", "DECRYPT");

  private EkmAnswers() {}

  static VaultInfo vault(byte[] body) throws Malformed {
    JsonNode n = AnswerJson.tree(body);
    String state = state(VAULT_STATES, n);
    return new VaultInfo(state, checked(() -> Ids.text("vendor", textOr(n, "vendor"))));
  }

  static KeyInfo key(EkmCall call, byte[] body) throws Malformed {
    JsonNode n = AnswerJson.tree(body);
    JsonNode shape = n.path("keyShape");
    if (!shape.isObject() || !shape.path("length").isInt()) {
      throw new Malformed("field 'keyShape' must hold 'algorithm' and an integer 'length'");
    }
    String algorithm = text(shape, "algorithm");
    String currentVersion = text(n, "currentKeyVersionId");
    String state = state(KEY_STATES, n);
    Set<String> ops = ops(n, "keyOps");
    String keyId = checked(() -> Ids.id("keyId", textOr(n, "keyId")));
    checked(() -> Ids.id("currentKeyVersionId", currentVersion));
    if (!"AES".equals(algorithm)) {
      throw new Malformed("keyShape.algorithm must be AES");
    }
    int bits = shape.path("length").intValue();
    if (bits != 128 && bits != 192 && bits != 256) {
      throw new Malformed("keyShape.length must be 128, 192 or 256 bits");
    }
    same("keyId", call.keyId(), keyId);
    return new KeyInfo(keyId, currentVersion, algorithm, bits, state, ops);
  }

  static VersionInfo version(EkmCall call, byte[] body) throws Malformed {
    JsonNode n = AnswerJson.tree(body);
    String state = state(VERSION_STATES, n);
    Set<String> ops = ops(n, "keyVersionOps");
    String keyId = checked(() -> Ids.id("keyId", textOr(n, "keyId")));
    String versionId = checked(() -> Ids.id("keyVersionId", textOr(n, "keyVersionId")));
    same("keyId", call.keyId(), keyId);
    same("keyVersionId", call.keyVersionId(), versionId);
    return new VersionInfo(keyId, versionId, state, ops);
  }

  /** RotateKey's answer: 201 (or 200) with the new version, 202 with a pending request. */
  static ExternalVault.Rotation rotation(EkmCall call, int status, byte[] body) throws Malformed {
    JsonNode n = AnswerJson.tree(body);
    String keyId = checked(() -> Ids.id("keyId", textOr(n, "keyId")));
    same("keyId", call.keyId(), keyId);
    return switch (status) {
      case 200, 201 ->
          new ExternalVault.Rotation.Rotated(
              checked(() -> Ids.id("keyVersionId", textOr(n, "keyVersionId"))));
      case 202 ->
          new ExternalVault.Rotation.Pending(
              checked(() -> Ids.id("pendingRequestId", textOr(n, "pendingRequestId"))));
      default -> throw new Malformed("unexpected HTTP status " + status);
    };
  }

  static Sealed encrypted(EkmCall call, byte[] body, int plaintextLength) throws Malformed {
    JsonNode n = AnswerJson.tree(body);
    if (!MODE.equals(text(n, "mode"))) {
      throw new Malformed("field 'mode' must be AES_GCM");
    }
    byte[] ciphertext =
        base64("ciphertext", text(n, "ciphertext"), plaintextLength, plaintextLength);
    byte[] iv = base64("iv", text(n, "iv"), IV_LENGTH, IV_LENGTH);
    byte[] tag = base64("tag", text(n, "tag"), TAG_LENGTH, TAG_LENGTH);
    String keyId = checked(() -> Ids.id("keyId", textOr(n, "keyId")));
    String versionId = checked(() -> Ids.id("keyVersionId", textOr(n, "keyVersionId")));
    same("keyId", call.keyId(), keyId);
    if (call.keyVersionId() != null) {
      same("keyVersionId", call.keyVersionId(), versionId);
    }
    return new Sealed(ciphertext, iv, tag, versionId);
  }

  /** The plaintext must be as long as the ciphertext (GCM); the caller owns the result. */
  static SecretBytes decrypted(EkmCall call, byte[] body, int ciphertextLength) throws Malformed {
    AnswerJson.Flat flat = AnswerJson.flat(body, "plaintext");
    try {
      if (flat.secret() == null || flat.secret().length != ciphertextLength) {
        throw new Malformed("field 'plaintext' must decode to as many bytes as the ciphertext");
      }
      same("keyId", call.keyId(), flat.texts().get("keyId"));
      same("keyVersionId", call.keyVersionId(), flat.texts().get("keyVersionId"));
      return SecretBytes.adopt(flat.secret());
    } catch (Malformed e) {
      Wipe.bytes(flat.secret());
      throw e;
    }
  }

  static SecretBytes random(byte[] body, int length) throws Malformed {
    AnswerJson.Flat flat = AnswerJson.flat(body, "randomBytes");
    if (flat.secret() == null
        || flat.secret().length != length
        || !Integer.toString(length).equals(flat.texts().get("length"))) {
      Wipe.bytes(flat.secret());
      throw new Malformed("fields 'randomBytes' and 'length' must hold the " + length + " bytes");
    }
    return SecretBytes.adopt(flat.secret());
  }

  private static String state(Set<String> known, JsonNode n) throws Malformed {
    String state = text(n, "state");
    if (!known.contains(state)) {
      throw new Malformed("field 'state' holds an unknown state");
    }
    return state;
  }

  private static Set<String> ops(JsonNode n, String field) throws Malformed {
    JsonNode array = n.path(field);
    if (!array.isArray()) {
      throw new Malformed("field '" + field + "' must be an array");
    }
    Set<String> ops = new LinkedHashSet<>();
    for (JsonNode op : array) {
      if (!op.isTextual() || !OPS.contains(op.asText())) {
        throw new Malformed("field '" + field + "' may hold only ENCRYPT and DECRYPT");
      }
      ops.add(op.asText());
    }
    return Set.copyOf(ops);
  }

  private static void same(String field, String asked, String answered) throws Malformed {
    if (!Objects.equals(asked, answered)) {
      throw new Malformed("field '" + field + "' names another object than the one asked for");
    }
  }

  private static String textOr(JsonNode n, String field) {
    return n.path(field).isTextual() ? n.path(field).asText() : "";
  }

  /** Runs a check of {@link Ids}, whose refusal means a malformed answer. */
  private static String checked(Supplier<String> check) throws Malformed {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw new Malformed(e.getMessage());
    }
  }
}
