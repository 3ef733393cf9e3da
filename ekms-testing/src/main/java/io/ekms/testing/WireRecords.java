package io.ekms.testing;

import com.fasterxml.jackson.databind.node.TextNode;
import io.ekms.common.secret.SecretBytes;
import io.ekms.common.secret.WireSecret;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Checks that the records of wire-body classes never show a field's value in {@code toString}:
 * every record declared in (or being) a given class is built with one known secret in each text,
 * byte, JSON and list field, and its {@code toString} must contain none of it, raw or encoded. A
 * record added later to such a class is checked without anyone remembering to.
 */
public final class WireRecords {
  /** The value put in every field. */
  public static final String SECRET = "s3cr3t-wire-value-7f1c";

  private WireRecords() {}

  /**
   * The records found in {@code holders} (each holder itself if it is a record, and the records
   * declared in it, nested ones included).
   */
  public static List<Class<?>> recordsOf(Class<?>... holders) {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> holder : holders) {
      collect(holder, out);
    }
    return out;
  }

  /**
   * Builds {@code type} with the secret in every field that can hold it.
   *
   * @return its {@code toString}, for the caller to check
   */
  public static String toStringWithSecrets(Class<?> type) throws ReflectiveOperationException {
    return build(type).toString();
  }

  /** The forms of {@link #SECRET} a {@code toString} must not contain. */
  public static List<String> secretForms() {
    byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);
    return List.of(
        SECRET,
        java.util.Base64.getEncoder().withoutPadding().encodeToString(bytes),
        HexFormat.of().formatHex(bytes),
        java.util.Arrays.toString(bytes).replace("[", "").replace("]", ""));
  }

  private static Object valueFor(Class<?> type) throws ReflectiveOperationException {
    if (type == String.class) {
      return SECRET;
    }
    if (type == byte[].class) {
      return SECRET.getBytes(StandardCharsets.UTF_8);
    }
    if (type == char[].class) {
      return SECRET.toCharArray();
    }
    if (type == SecretBytes.class) {
      return SecretBytes.copyOf(SECRET.getBytes(StandardCharsets.UTF_8));
    }
    if (type == WireSecret.class) {
      return WireSecret.of(SECRET);
    }
    if (com.fasterxml.jackson.databind.JsonNode.class.isAssignableFrom(type)) {
      return TextNode.valueOf(SECRET);
    }
    if (type == List.class || type == java.util.Collection.class) {
      return List.of(SECRET);
    }
    if (type == Map.class) {
      return Map.of(SECRET, SECRET);
    }
    if (type.isRecord()) {
      return build(type);
    }
    if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    return primitiveZero(type);
  }

  private static Object primitiveZero(Class<?> type) {
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == double.class) {
      return 0.0;
    }
    if (type == float.class) {
      return 0.0f;
    }
    if (type == short.class) {
      return (short) 0;
    }
    if (type == byte.class) {
      return (byte) 0;
    }
    return null;
  }

  private static Object build(Class<?> type) throws ReflectiveOperationException {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = valueFor(types[i]);
    }
    Constructor<?> canonical = type.getDeclaredConstructor(types);
    canonical.setAccessible(true);
    return canonical.newInstance(args);
  }

  private static void collect(Class<?> type, List<Class<?>> out) {
    if (type.isRecord()) {
      out.add(type);
    }
    for (Class<?> nested : type.getDeclaredClasses()) {
      collect(nested, out);
    }
  }
}
