package io.ekms.kms.auth;

import io.ekms.core.crypto.Randoms;
import java.util.regex.Pattern;

/**
 * The shapes of the Oracle Cloud IDs this package accepts: {@code
 * ocid1.<type>.<realm>.[region][.future].<unique>}, lower case, bounded in length. New user ids are
 * {@code ocid1.user.oc1..} followed by 128 random bits in hex.
 */
public final class Ocids {
  /** Longer than any real OCID (about 90 characters), short enough to bound every look-up. */
  public static final int MAX_LENGTH = 255;

  private static final String REST = "\\.[a-z0-9]{1,16}(\\.[a-z0-9-]{0,32}){1,2}\\.[a-z0-9]{1,128}";
  private static final Pattern USER = Pattern.compile("ocid1\\.user" + REST);
  private static final Pattern TENANCY = Pattern.compile("ocid1\\.tenancy" + REST);
  private static final Pattern COMPARTMENT =
      Pattern.compile("ocid1\\.(compartment|tenancy)" + REST);

  private Ocids() {}

  public static String newUser() {
    return "ocid1.user.oc1.." + Randoms.hex(16);
  }

  public static boolean isUser(String id) {
    return matches(USER, id);
  }

  public static boolean isTenancy(String id) {
    return matches(TENANCY, id);
  }

  /** A compartment id, or a tenancy id (the tenancy is its root compartment). */
  public static boolean isCompartment(String id) {
    return matches(COMPARTMENT, id);
  }

  private static boolean matches(Pattern pattern, String id) {
    return id != null && id.length() <= MAX_LENGTH && pattern.matcher(id).matches();
  }
}
