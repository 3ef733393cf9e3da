package io.ekms.kms.ekmclient;

import io.ekms.common.secret.Wipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes the flat JSON objects the EKM API sends straight into one array of the exact size, so a
 * plaintext (as Base64) lives in one buffer that the caller wipes after the exchange, never in a
 * {@code String}. Names and text values are ids and constants: printable ASCII without quote or
 * backslash, so nothing needs escaping (anything else is refused).
 */
final class JsonBody {
  private record Field(String name, byte[] binary, String text, boolean quoted) {}

  private final List<Field> fields = new ArrayList<>();

  /** Adds {@code name} with {@code value} as standard padded Base64; skipped when null. */
  JsonBody binary(String name, byte[] value) {
    if (value != null) {
      fields.add(new Field(checked(name), value, null, true));
    }
    return this;
  }

  /** Adds a string field; skipped when {@code value} is null. */
  JsonBody text(String name, String value) {
    if (value != null) {
      fields.add(new Field(checked(name), null, checked(value), true));
    }
    return this;
  }

  JsonBody number(String name, long value) {
    fields.add(new Field(checked(name), null, Long.toString(value), false));
    return this;
  }

  /** The object's UTF-8 bytes; the caller owns (and wipes) the array. */
  byte[] toBytes() {
    int size = 2 + Math.max(0, fields.size() - 1);
    for (Field f : fields) {
      size += f.name().length() + 3 + valueLength(f);
    }
    byte[] out = new byte[size];
    int at = 0;
    out[at++] = '{';
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      if (i > 0) {
        out[at++] = ',';
      }
      at = ascii(out, at, "\"" + f.name() + "\":");
      if (f.binary() != null) {
        byte[] encoded = Base64.getEncoder().encode(f.binary());
        out[at++] = '"';
        System.arraycopy(encoded, 0, out, at, encoded.length);
        at += encoded.length;
        out[at++] = '"';
        Wipe.bytes(encoded);
      } else {
        at = ascii(out, at, f.quoted() ? "\"" + f.text() + "\"" : f.text());
      }
    }
    out[at] = '}';
    return out;
  }

  private static int valueLength(Field f) {
    if (f.binary() != null) {
      return 2 + 4 * ((f.binary().length + 2) / 3);
    }
    return f.text().length() + (f.quoted() ? 2 : 0);
  }

  private static int ascii(byte[] out, int at, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, out, at, bytes.length);
    return at + bytes.length;
  }

  private static String checked(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        throw new IllegalArgumentException("JSON text must be printable ASCII without \" or \\");
      }
    }
    return text;
  }
}
