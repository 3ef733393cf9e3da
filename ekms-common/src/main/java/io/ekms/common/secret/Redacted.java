package io.ekms.common.secret;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.StringJoiner;

/**
 * The {@code toString} of records that cross the wire: component names with numbers, booleans,
 * enums and nested records shown, and every other value (text, bytes, JSON, collections) shown only
 * as {@code ***} or {@code null}. Wire records call it so that no request or answer field
 * (plaintext, keys, tokens, secrets, ids) can reach a log through {@code toString}.
 */
public final class Redacted {
  private Redacted() {}

  public static String toString(Record record) {
    StringJoiner out = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      out.add(c.getName() + "=" + shown(value(record, c)));
    }
    return out.toString();
  }

  private static String shown(Object value) {
    return switch (value) {
      case null -> "null";
      case Number n -> n.toString();
      case Boolean b -> b.toString();
      case Enum<?> e -> e.name();
      case Record r -> r.toString();
      default -> "***";
    };
  }

  private static Object value(Record record, RecordComponent c) {
    try {
      var accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      return "unreadable";
    }
  }
}
