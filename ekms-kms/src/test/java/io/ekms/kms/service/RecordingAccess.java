package io.ekms.kms.service;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link Access} that records every question (compartment and need) and allows all but the needs
 * and compartments a test denies; a denial is the 404 the real one answers. Questions it does not
 * deny go to {@link #backWith its backing check}, by default one that allows everything.
 */
final class RecordingAccess implements Access {
  /** One question asked of the access check. */
  record Asked(String compartmentId, Need need) {}

  private final List<Asked> asked = new CopyOnWriteArrayList<>();
  private volatile Set<Need> denied = EnumSet.noneOf(Need.class);
  private volatile String deniedCompartment;
  private volatile Access backing = (caller, compartmentId, need) -> {};

  @Override
  public void require(Caller caller, String compartmentId, Need need) {
    asked.add(new Asked(compartmentId, need));
    if (denied.contains(need) || compartmentId.equals(deniedCompartment)) {
      throw KmsError.notFound();
    }
    backing.require(caller, compartmentId, need);
  }

  /** Questions not denied here are answered by {@code real} (real grants, for instance). */
  void backWith(Access real) {
    backing = real;
  }

  void deny(Need... needs) {
    denied = needs.length == 0 ? EnumSet.noneOf(Need.class) : EnumSet.copyOf(List.of(needs));
  }

  /** Denies every need in {@code compartmentId}. */
  void denyIn(String compartmentId) {
    deniedCompartment = compartmentId;
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
    denyIn(null);
  }
}
