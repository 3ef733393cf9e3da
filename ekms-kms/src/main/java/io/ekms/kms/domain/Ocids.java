package io.ekms.kms.domain;

import io.ekms.core.crypto.Randoms;
import java.util.regex.Pattern;

/**
 * Identifiers in Oracle Cloud's OCID shape, {@code
 * ocid1.<type>.<realm>.[region][.future].<unique>}, lower case and bounded in length, so that tools
 * written for OCI see familiar ids. New ids are {@code ocid1.<type>.oc1..} followed by 128 random
 * bits in hex.
 */
public final class Ocids {
  /** Longer than any real OCID (about 90 characters), short enough to bound every look-up. */
  public static final int MAX_LENGTH = 255;

  private static final Pattern SHAPE =
      Pattern.compile(
          "ocid1\\.[a-z]{2,32}\\.[a-z0-9]{1,16}(\\.[a-z0-9-]{0,32}){1,2}\\.[a-z0-9]{1,128}");

  private Ocids() {}

  public static String newId(String type) {
    return "ocid1." + type + ".oc1.." + Randoms.hex(16);
  }

  public static String newUser() {
    return newId("user");
  }

  public static boolean wellFormed(String id) {
    return id != null && id.length() <= MAX_LENGTH && SHAPE.matcher(id).matches();
  }

  /** True when {@code id} is a well-formed OCID of {@code type}. */
  public static boolean isType(String id, String type) {
    return wellFormed(id) && id.startsWith("ocid1." + type + ".");
  }

  public static boolean isUser(String id) {
    return isType(id, "user");
  }

  public static boolean isTenancy(String id) {
    return isType(id, "tenancy");
  }

  /** A compartment id, or a tenancy id (the tenancy is its root compartment). */
  public static boolean isCompartment(String id) {
    return isType(id, "compartment") || isTenancy(id);
  }
}
