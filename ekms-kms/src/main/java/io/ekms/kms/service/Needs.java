package io.ekms.kms.service;

import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.service.Access.Need;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one operation needs of {@link Access}, in every compartment it touches: its own need (READ,
 * USE or MANAGE) on the compartment of each resource it acts on, and on the compartment of each
 * parent resource it goes through (the vault of a key, a key version or a crypto call; the private
 * endpoint of a vault being created) USE, or READ when the operation only reads.
 *
 * <p>Services read every resource named in the request first (a missing one is {@link
 * KmsError#notFound()}), then {@link #check} the caller, and only then look at states, fields that
 * depend on the resources, or the EKM; a refusal is the same 404 as a missing resource. A
 * compartment named twice is asked once, for the stronger need: {@code MANAGE} ⊇ {@code USE} ⊇
 * {@code READ}, so holding it is holding both.
 */
final class Needs {
  private final Need need;
  private final Map<String, Need> byCompartment = new LinkedHashMap<>();

  private Needs(Need need) {
    this.need = need;
  }

  /** The needs of an operation that needs {@code need} on what it acts on. */
  static Needs of(Need need) {
    return new Needs(need);
  }

  /** A key operation: {@code need} on the key, and through its vault. */
  static Needs key(Need need, Vault vault, Key key) {
    return of(need).parent(vault.compartmentId()).resource(key.compartmentId());
  }

  /**
   * The operation's need on a resource it acts on (or creates, or lists) in {@code compartment}.
   */
  Needs resource(String compartmentId) {
    return add(compartmentId, need);
  }

  /** What the operation needs on a parent resource it goes through, in {@code compartmentId}. */
  Needs parent(String compartmentId) {
    return add(compartmentId, need == Need.READ ? Need.READ : Need.USE);
  }

  /** Asks {@code access} about each compartment, in the order first named; throws the first 404. */
  void check(Access access, Caller caller) {
    byCompartment.forEach((compartmentId, n) -> access.require(caller, compartmentId, n));
  }

  private Needs add(String compartmentId, Need n) {
    byCompartment.merge(compartmentId, n, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    return this;
  }
}
