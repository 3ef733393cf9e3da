package io.ekms.ekm.domain.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * A key-access policy: a CEL condition attached to a vault, a key or a protocol key store. An
 * {@link PolicyEffect#ALLOW} policy lets a request through only when its condition holds; a {@link
 * PolicyEffect#DENY} policy refuses it when its condition holds. {@code revision} grows with every
 * change of the text, so a compiled form can be reused exactly as long as the text is the same.
 */
public record Policy(
    String id,
    String name,
    PolicyScope scope,
    String scopeId,
    PolicyEffect effect,
    String expression,
    long revision,
    Instant createdAt,
    Instant updatedAt) {
  /** Longest condition accepted, in characters. */
  public static final int MAX_EXPRESSION_CHARS = 4096;

  public Policy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(scopeId, "scopeId");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(expression, "expression");
  }

  /** This policy with another effect and condition, at the next revision, changed {@code at}. */
  public Policy revised(PolicyEffect newEffect, String newExpression, Instant at) {
    return new Policy(
        id, name, scope, scopeId, newEffect, newExpression, revision + 1, createdAt, at);
  }

  /** A name: 1 to 128 characters of letters, digits, '.', '_' and '-'. */
  public static boolean validName(String name) {
    if (name == null || name.isEmpty() || name.length() > 128) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
