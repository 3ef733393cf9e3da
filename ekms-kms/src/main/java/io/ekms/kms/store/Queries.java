package io.ekms.kms.store;

/** Building parameter lists for queries with optional parts. */
final class Queries {
  private Queries() {}

  static Object[] concat(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  static Object[] concat(Object first, Object second, Object[] rest) {
    return concat(first, concat(second, rest));
  }
}
