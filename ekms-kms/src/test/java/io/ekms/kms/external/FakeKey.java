package io.ekms.kms.external;

import io.ekms.core.crypto.Randoms;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A key of the {@link FakeExternalVaults}: algorithm, length, state, ops and versions; {@link
 * #rotate()} adds a version and makes it current. Fields are public switches for tests.
 */
public final class FakeKey {
  public final String id;
  public volatile String algorithm = "AES";
  public volatile int lengthBits;
  public volatile String state = "ACTIVE";
  public volatile Set<String> ops = Set.of("ENCRYPT", "DECRYPT");

  /** When set, encrypt answers that this version made the ciphertext, whatever was asked. */
  public volatile String answerWithVersion;

  volatile String current;
  final Map<String, Version> versions = new ConcurrentHashMap<>();

  FakeKey(String id, int lengthBytes) {
    this.id = id;
    this.lengthBits = lengthBytes * 8;
    rotate();
  }

  /** One version: its state and its AES key, which never leaves the fake. */
  public static final class Version {
    final String id;
    final byte[] material;
    public volatile String state = "ACTIVE";

    Version(String id, byte[] material) {
      this.id = id;
      this.material = material;
    }
  }

  /** Adds a new ACTIVE version and makes it current; returns its id. */
  public String rotate() {
    Version v = new Version("ext-v-" + Randoms.hex(6), Randoms.bytes(lengthBits / 8));
    versions.put(v.id, v);
    current = v.id;
    return v.id;
  }

  public String current() {
    return current;
  }

  public Version version(String versionId) {
    Version v = versionId == null ? null : versions.get(versionId);
    if (v == null) {
      throw FakeExternalVaults.notFound("the key version does not exist");
    }
    return v;
  }

  ExternalVault.KeyInfo info() {
    return new ExternalVault.KeyInfo(id, current, algorithm, lengthBits, state, ops);
  }

  /** The version, if the key, the version and the operation are all allowed. */
  Version usable(String op, String versionId) {
    if (!"ACTIVE".equals(state)) {
      throw FakeExternalVaults.unusable("the key is " + state);
    }
    if (!ops.contains(op)) {
      throw FakeExternalVaults.unusable("the key does not allow " + op);
    }
    Version v = version(versionId);
    if (!"ACTIVE".equals(v.state)) {
      throw FakeExternalVaults.unusable("the key version is " + v.state);
    }
    return v;
  }
}
