package io.ekms.identity.domain;

import io.ekms.core.crypto.Randoms;
import java.util.regex.Pattern;

/** Identifiers of identity objects: a type prefix and 128 random bits, safe in URLs and logs. */
public final class Ids {
  private static final Pattern CLIENT = Pattern.compile("cli-[0-9a-f]{32}");
  private static final Pattern KID = Pattern.compile("sig-[0-9a-f]{32}");

  private Ids() {}

  /** A new OAuth client id, {@code cli-<32 hex>}. */
  public static String newClient() {
    return "cli-" + Randoms.hex(16);
  }

  /** A new signing key id ({@code kid}), {@code sig-<32 hex>}. */
  public static String newKid() {
    return "sig-" + Randoms.hex(16);
  }

  /**
   * True when {@code id} has the shape of a client id. Anything else is never looked up, and never
   * written to the audit log (a caller could have put its secret in the wrong field).
   */
  public static boolean wellFormedClient(String id) {
    return id != null && CLIENT.matcher(id).matches();
  }

  public static boolean wellFormedKid(String kid) {
    return kid != null && KID.matcher(kid).matches();
  }
}
