package io.ekms.ekm.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.core.http.Request;
import io.ekms.ekm.domain.KeyOp;
import io.ekms.ekm.domain.KmsRotation;
import io.ekms.ekm.service.EkmError;
import io.ekms.ekm.service.KeyAdmin.KeyUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body of a key's update ({@code PATCH /admin/v1/vaults/{vaultId}/keys/{keyId}}): any of {@code
 * ops}, {@code kmsRotation} (ALLOW, DENY or QUORUM, any case) and {@code rotationPeriodDays} (1 to
 * 3650, or null for none); a field left out stays as it is. Other fields are refused, so a misspelt
 * setting is never silently ignored.
 */
final class KeyUpdates {
  private static final Set<String> FIELDS = Set.of("ops", "kmsRotation", "rotationPeriodDays");

  private KeyUpdates() {}

  static KeyUpdate of(Request req) {
    JsonNode body = req.json(JsonNode.class);
    if (body == null || !body.isObject()) {
      throw EkmError.INVALID_REQUEST.error("The body must be a JSON object.");
    }
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                throw EkmError.INVALID_REQUEST.error(
                    "Unknown field '"
                        + clip(name)
                        + "'; a key's update may set ops, kmsRotation and rotationPeriodDays.");
              }
            });
    return new KeyUpdate(
        ops(body.get("ops")),
        kmsRotation(body.get("kmsRotation")),
        body.has("rotationPeriodDays"),
        period(body.get("rotationPeriodDays")));
  }

  private static Set<KeyOp> ops(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw EkmError.INVALID_REQUEST.error("Field 'ops' must be a list of ENCRYPT and DECRYPT.");
    }
    List<String> names = new ArrayList<>();
    node.forEach(n -> names.add(n.isTextual() ? n.asText() : null));
    return AdminRoutes.ops(names);
  }

  private static KmsRotation kmsRotation(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    KmsRotation value = node.isTextual() ? KmsRotation.parse(node.asText()) : null;
    if (value == null) {
      throw EkmError.INVALID_REQUEST.error("Field 'kmsRotation' must be ALLOW, DENY or QUORUM.");
    }
    return value;
  }

  private static Integer period(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw EkmError.INVALID_REQUEST.error(
          "Field 'rotationPeriodDays' must be 1 to 3650, or null for no crypto period.");
    }
    return node.asInt();
  }

  /** A field name as sent, fit to be echoed: printable, at most 64 characters. */
  private static String clip(String name) {
    String printable = name.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 64 ? printable.substring(0, 64) + "..." : printable;
  }
}
