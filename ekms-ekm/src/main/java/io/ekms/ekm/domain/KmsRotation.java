package io.ekms.ekm.domain;

/**
 * What the EKM answers when a KMS asks it to rotate a key (the EKM API's rotate extension): {@link
 * #DENY} (the default: the customer rotates in the EKM), {@link #ALLOW}, or {@link #QUORUM} (the
 * request waits for the approval of EKM admins).
 */
public enum KmsRotation {
  ALLOW,
  DENY,
  QUORUM;

  /** The setting named {@code value} in any case, or null when it names none. */
  public static KmsRotation parse(String value) {
    if (value == null) {
      return null;
    }
    for (KmsRotation r : values()) {
      if (r.name().equalsIgnoreCase(value)) {
        return r;
      }
    }
    return null;
  }
}
