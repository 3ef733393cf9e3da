package io.ekms.ekm.service;

import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyOp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** What an update changed of a key, for its audit record: each changed setting, old and new. */
final class KeyChanges {
  private KeyChanges() {}

  static Map<String, String> of(Key before, Key after) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!before.ops().equals(after.ops())) {
      out.put("oldOps", names(before.ops()));
      out.put("newOps", names(after.ops()));
    }
    if (before.kmsRotation() != after.kmsRotation()) {
      out.put("oldKmsRotation", before.kmsRotation().name());
      out.put("newKmsRotation", after.kmsRotation().name());
    }
    if (!Objects.equals(before.rotationPeriodDays(), after.rotationPeriodDays())) {
      out.put("oldRotationPeriodDays", String.valueOf(before.rotationPeriodDays()));
      out.put("newRotationPeriodDays", String.valueOf(after.rotationPeriodDays()));
    }
    return out;
  }

  static String names(Set<KeyOp> ops) {
    return ops.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }
}
