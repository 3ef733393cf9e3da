package io.ekms.ekm.domain.policy;

/**
 * The answer of the policies to one request, as its audit record says it: allowed or not, the
 * policy that decided (null when none applied) and why; {@code onReason} when a refusing policy's
 * condition reads the access reason (Google answers those with a field violation on it).
 */
public record Decision(boolean allowed, String policyId, String reason, boolean onReason) {
  /** The answer when no policy is attached to the vault, the key or the store. */
  public static final Decision NO_POLICY = new Decision(true, null, "no policy applies", false);

  public Decision(boolean allowed, String policyId, String reason) {
    this(allowed, policyId, reason, false);
  }
}
