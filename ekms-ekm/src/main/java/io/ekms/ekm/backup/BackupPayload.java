package io.ekms.ekm.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ekms.common.json.Json;
import io.ekms.common.secret.Wipe;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a backup seals, byte by byte:
 *
 * <pre>
 * offset  size  field
 * 0       1     master key length K: 32 for a key-file keystore, 0 for a passphrase keystore
 * 1       K     the master key
 * 1+K           UTF-8 JSON {"tables":[{"table":..,"columns":[..],"rows":[[..],..]},..]}
 * </pre>
 *
 * The master key stays in byte arrays (wiped after use), never in a String. Rows hold what the
 * database holds: software key versions sealed under the master key, HSM-held ones as the token
 * object's label, XKS secrets sealed, hashes as hashes.
 */
record BackupPayload(byte[] masterKey, List<TableRows> tables) {
  static final String HSM_KEY_VERSIONS = "hsmKeyVersions";

  @Override
  public String toString() {
    return "BackupPayload[" + tables.size() + " tables]";
  }

  /** Rows per table, and how many key versions the HSM holds. */
  Map<String, Integer> counts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (TableRows t : tables) {
      counts.put(t.table(), t.rows().size());
    }
    counts.put(
        HSM_KEY_VERSIONS, (int) table(EkmTables.KEY_VERSIONS).countWhere("backend", "pkcs11"));
    return counts;
  }

  TableRows table(String name) {
    return tables.stream()
        .filter(t -> t.table().equals(name))
        .findFirst()
        .orElse(new TableRows(name, List.of("none"), List.of()));
  }

  /** The payload's bytes; the caller wipes them. */
  byte[] encode() {
    ObjectNode root = Json.mapper().createObjectNode();
    ArrayNode list = root.putArray("tables");
    for (TableRows t : tables) {
      ObjectNode node = list.addObject().put("table", t.table());
      t.columns().forEach(node.putArray("columns")::add);
      ArrayNode rows = node.putArray("rows");
      t.rows().forEach(r -> rows.add(Json.mapper().valueToTree(r)));
    }
    byte[] json = Json.write(root);
    int k = masterKey == null ? 0 : masterKey.length;
    byte[] out = new byte[1 + k + json.length];
    out[0] = (byte) k;
    if (k > 0) {
      System.arraycopy(masterKey, 0, out, 1, k);
    }
    System.arraycopy(json, 0, out, 1 + k, json.length);
    return out;
  }

  /** Parses an authenticated payload; the master key is copied out, the input left to wipe. */
  static BackupPayload decode(byte[] payload) {
    int k = payload.length == 0 ? -1 : payload[0] & 0xFF;
    if ((k != 0 && k != 32) || payload.length < 1 + k) {
      throw damaged();
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(Arrays.copyOfRange(payload, 1 + k, payload.length));
    } catch (IOException | RuntimeException e) {
      throw damaged();
    }
    List<TableRows> tables = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode t : root.path("tables")) {
      TableRows rows = table(t);
      if (!EkmTables.ORDER.contains(rows.table())) {
        throw BackupRefusedException.refused(
            "this backup holds table "
                + rows.table()
                + ", which this EKM does not know; restore it with the ekms version that made it.");
      }
      if (!seen.add(rows.table())) {
        throw damaged();
      }
      tables.add(rows);
    }
    byte[] masterKey = k == 0 ? null : Arrays.copyOfRange(payload, 1, 1 + k);
    return new BackupPayload(masterKey, tables);
  }

  void wipe() {
    if (masterKey != null) {
      Wipe.bytes(masterKey);
    }
  }

  private static TableRows table(JsonNode t) {
    try {
      List<String> columns = new ArrayList<>();
      t.path("columns").forEach(c -> columns.add(c.textValue()));
      List<List<Object>> rows = new ArrayList<>();
      for (JsonNode r : t.path("rows")) {
        List<Object> row = new ArrayList<>();
        r.forEach(v -> row.add(scalar(v)));
        rows.add(row);
      }
      return new TableRows(t.path("table").asText(""), columns, rows);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw damaged();
    }
  }

  private static Object scalar(JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    throw new IllegalArgumentException("not a column value");
  }

  private static BackupRefusedException damaged() {
    return BackupRefusedException.notAuthentic("the backup's payload is malformed.");
  }
}
