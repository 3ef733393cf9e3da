package io.ekms.kms.ekmclient;

import static io.ekms.kms.ekmclient.AnswerJson.base64;
import static io.ekms.kms.ekmclient.AnswerJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.core.secret.SecretBytes;
import io.ekms.core.secret.Wipe;
import io.ekms.kms.ekmclient.AnswerJson.Malformed;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns the EKM's success answers into checked results (docs/protocols/ekm-api.md, Operations).
 * Nothing is taken on trust: every field must be present with the documented type and size, ids
 * must be the ones asked for, and a ciphertext or plaintext must be exactly as long as what it
 * replaces.
 */
final class EkmAnswers {
  static final String MODE = "AES_GCM";

  private EkmAnswers() {}

  static VaultMetadata vault(byte[] body) throws Malformed {
    JsonNode n = AnswerJson.tree(body);
    VaultMetadata.State state = state(VaultMetadata.State.class, n);
    return build(() -> new VaultMetadata(state, textOr(n, "vendor")));
  }

  static KeyMetadata key(EkmCall call, byte[] body) throws Malformed {
    JsonNode n = AnswerJson.tree(body);
    JsonNode shape = n.path("keyShape");
    if (!shape.isObject() || !shape.path("length").isInt()) {
      throw new Malformed("field 'keyShape' must hold 'algorithm' and an integer 'length'");
    }
    String algorithm = text(shape, "algorithm");
    String currentVersion = text(n, "currentKeyVersionId");
    KeyMetadata.State state = state(KeyMetadata.State.class, n);
    Set<KeyOp> ops = ops(n, "keyOps");
    KeyMetadata key =
        build(
            () ->
                new KeyMetadata(
                    textOr(n, "keyId"),
                    currentVersion,
                    algorithm,
                    shape.path("length").intValue(),
                    state,
                    ops));
    same("keyId", call.keyId(), key.keyId());
    return key;
  }

  static KeyVersionMetadata version(EkmCall call, byte[] body) throws Malformed {
    JsonNode n = AnswerJson.tree(body);
    KeyVersionMetadata.State state = state(KeyVersionMetadata.State.class, n);
    Set<KeyOp> ops = ops(n, "keyVersionOps");
    KeyVersionMetadata version =
        build(
            () ->
                new KeyVersionMetadata(textOr(n, "keyId"), textOr(n, "keyVersionId"), state, ops));
    same("keyId", call.keyId(), version.keyId());
    same("keyVersionId", call.keyVersionId(), version.keyVersionId());
    return version;
  }

  static EncryptResult encrypted(EkmCall call, byte[] body, int plaintextLength) throws Malformed {
    JsonNode n = AnswerJson.tree(body);
    if (!MODE.equals(text(n, "mode"))) {
      throw new Malformed("field 'mode' must be AES_GCM");
    }
    byte[] ciphertext =
        base64("ciphertext", text(n, "ciphertext"), plaintextLength, plaintextLength);
    byte[] iv = base64("iv", text(n, "iv"), EncryptResult.IV_LENGTH, EncryptResult.IV_LENGTH);
    byte[] tag = base64("tag", text(n, "tag"), EncryptResult.TAG_LENGTH, EncryptResult.TAG_LENGTH);
    EncryptResult result =
        build(
            () ->
                new EncryptResult(
                    ciphertext, iv, tag, textOr(n, "keyId"), textOr(n, "keyVersionId")));
    same("keyId", call.keyId(), result.keyId());
    if (call.keyVersionId() != null) {
      same("keyVersionId", call.keyVersionId(), result.keyVersionId());
    }
    return result;
  }

  /** The plaintext must be as long as the ciphertext (GCM); the caller owns the result. */
  static DecryptResult decrypted(EkmCall call, byte[] body, int ciphertextLength) throws Malformed {
    AnswerJson.Flat flat = AnswerJson.flat(body, "plaintext");
    try {
      if (flat.secret() == null || flat.secret().length != ciphertextLength) {
        throw new Malformed("field 'plaintext' must decode to as many bytes as the ciphertext");
      }
      same("keyId", call.keyId(), flat.texts().get("keyId"));
      same("keyVersionId", call.keyVersionId(), flat.texts().get("keyVersionId"));
      return new DecryptResult(SecretBytes.adopt(flat.secret()), call.keyId(), call.keyVersionId());
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

  private static <E extends Enum<E>> E state(Class<E> type, JsonNode n) throws Malformed {
    try {
      return Enum.valueOf(type, text(n, "state"));
    } catch (IllegalArgumentException e) {
      throw new Malformed("field 'state' holds an unknown state");
    }
  }

  private static Set<KeyOp> ops(JsonNode n, String field) throws Malformed {
    JsonNode array = n.path(field);
    if (!array.isArray()) {
      throw new Malformed("field '" + field + "' must be an array");
    }
    Set<KeyOp> ops = EnumSet.noneOf(KeyOp.class);
    for (JsonNode op : array) {
      try {
        ops.add(KeyOp.valueOf(op.asText()));
      } catch (IllegalArgumentException e) {
        throw new Malformed("field '" + field + "' may hold only ENCRYPT and DECRYPT");
      }
    }
    return ops;
  }

  private static void same(String field, String asked, String answered) throws Malformed {
    if (!Objects.equals(asked, answered)) {
      throw new Malformed("field '" + field + "' names another object than the one asked for");
    }
  }

  private static String textOr(JsonNode n, String field) {
    return n.path(field).isTextual() ? n.path(field).asText() : "";
  }

  /** Runs a record constructor, whose validation failure means a malformed answer. */
  private static <T> T build(Supplier<T> constructor) throws Malformed {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw new Malformed(e.getMessage());
    }
  }
}
