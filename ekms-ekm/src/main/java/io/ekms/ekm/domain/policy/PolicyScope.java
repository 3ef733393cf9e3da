package io.ekms.ekm.domain.policy;

/** What a policy is attached to; each request meets the policies of its vault, key and store. */
public enum PolicyScope {
  VAULT("vault"),
  KEY("key"),
  XKS_KEY_STORE("xksKeyStore"),
  GCP_KEY_STORE("gcpKeyStore");

  private final String wire;

  PolicyScope(String wire) {
    this.wire = wire;
  }

  /** The name in the admin API and the CLI. */
  public String wire() {
    return wire;
  }

  /** The scope of wire name {@code name}, or null. */
  public static PolicyScope named(String name) {
    for (PolicyScope s : values()) {
      if (s.wire.equals(name)) {
        return s;
      }
    }
    return null;
  }
}
