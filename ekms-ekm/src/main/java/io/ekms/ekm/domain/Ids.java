package io.ekms.ekm.domain;

import io.ekms.core.crypto.Randoms;
import java.util.regex.Pattern;

/** Identifiers of EKM objects: a type prefix and 128 random bits, safe in URLs and logs. */
public final class Ids {
  private static final Pattern VALID = Pattern.compile("[a-z]{2,4}-[0-9a-f]{32}");

  private Ids() {}

  public static String newVault() {
    return "vlt-" + Randoms.hex(16);
  }

  public static String newKey() {
    return "key-" + Randoms.hex(16);
  }

  public static String newKeyVersion() {
    return "kv-" + Randoms.hex(16);
  }

  public static String newIssuer() {
    return "iss-" + Randoms.hex(16);
  }

  /** True when {@code id} has the shape of an EKM identifier (so lookups can skip the store). */
  public static boolean wellFormed(String id) {
    return id != null && VALID.matcher(id).matches();
  }
}
