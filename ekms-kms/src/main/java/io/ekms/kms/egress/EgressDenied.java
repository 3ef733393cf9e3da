package io.ekms.kms.egress;

/**
 * A destination the KMS will not connect to. {@link #getMessage()} is the rule that refused it,
 * phrased to follow the name of the field that held the host ("is a link-local address, ..."); it
 * never carries JDK text.
 */
public final class EgressDenied extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the destination was refused. */
  public enum Reason {
    /** Not a canonical IP literal nor a DNS host name (for example {@code 2852039166}). */
    MALFORMED,
    /** The name resolves to no address (now); nothing could be checked. */
    UNRESOLVED,
    /** An address, or the host, is outside what the policy allows. */
    REFUSED
  }

  private final Reason reason;

  EgressDenied(Reason reason, String rule) {
    super(rule, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
