package io.ekms.kms.service;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link Access} that records every question (compartment and need) and allows all but the needs
 * a test denies; a denial is the 404 the real one answers.
 */
final class RecordingAccess implements Access {
  /** One question asked of the access check. */
  record Asked(String compartmentId, Need need) {}

  private final List<Asked> asked = new CopyOnWriteArrayList<>();
  private volatile Set<Need> denied = EnumSet.noneOf(Need.class);

  @Override
  public void require(Caller caller, String compartmentId, Need need) {
    asked.add(new Asked(compartmentId, need));
    if (denied.contains(need)) {
      throw KmsError.notFound();
    }
  }

  void deny(Need... needs) {
    denied = needs.length == 0 ? EnumSet.noneOf(Need.class) : EnumSet.copyOf(List.of(needs));
  }

  void denyAll() {
    denied = EnumSet.allOf(Need.class);
  }

  List<Asked> asked() {
    return List.copyOf(asked);
  }

  List<Need> needs() {
    return asked.stream().map(Asked::need).toList();
  }

  void reset() {
    asked.clear();
    deny();
  }
}
