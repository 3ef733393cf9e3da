package io.ekms.ekm.domain.policy;

/** What a policy's condition means: a requirement (ALLOW) or a prohibition (DENY). */
public enum PolicyEffect {
  /** The request goes through only when the condition is true. */
  ALLOW,
  /** The request is refused when the condition is true. */
  DENY
}
