package io.ekms.conformance;

import java.util.Optional;

/**
 * The administration hooks a target may give: pull the plug on the checked key and put it back
 * (disable, enable), and take a dependency away and bring it back (fault, recover: the HSM, the
 * audit store). Checks that need a hook the target lacks are skipped, saying which option to give.
 */
public record Hooks(
    Optional<Hook> disable, Optional<Hook> enable, Optional<Hook> fault, Optional<Hook> recover) {
  public static Hooks none() {
    return new Hooks(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
