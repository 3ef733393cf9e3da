package io.ekms.kms.domain;

import io.ekms.core.crypto.Randoms;
import java.util.regex.Pattern;

/**
 * Identifiers in Oracle Cloud's OCID shape ({@code ocid1.<type>.oc1..<unique>}), so that tools
 * written for OCI see familiar ids. The unique part is 128 random bits.
 */
public final class Ocids {
  private static final Pattern SHAPE =
      Pattern.compile("ocid1\\.[a-z]{2,32}\\.oc1\\.[a-z0-9-]*\\.[a-z0-9]{1,64}");

  private Ocids() {}

  public static String newId(String type) {
    return "ocid1." + type + ".oc1.." + Randoms.hex(16);
  }

  public static boolean wellFormed(String id) {
    return id != null && id.length() <= 255 && SHAPE.matcher(id).matches();
  }

  /** True when {@code id} is a well-formed OCID of {@code type}. */
  public static boolean isType(String id, String type) {
    return wellFormed(id) && id.startsWith("ocid1." + type + ".");
  }
}
