package io.ekms.ekm.domain.xks;

import java.util.List;

/** What a key store may do with one exposed key; the wrong use is InvalidKeyUsageException. */
public enum XksUsage {
  ENCRYPT_DECRYPT(true, true),
  ENCRYPT_ONLY(true, false),
  DECRYPT_ONLY(false, true),
  NONE(false, false);

  private final boolean encrypt;
  private final boolean decrypt;

  XksUsage(boolean encrypt, boolean decrypt) {
    this.encrypt = encrypt;
    this.decrypt = decrypt;
  }

  public boolean encrypt() {
    return encrypt;
  }

  public boolean decrypt() {
    return decrypt;
  }

  /** The {@code keyUsage} list of GetKeyMetadata. */
  public List<String> names() {
    return encrypt && decrypt
        ? List.of("ENCRYPT", "DECRYPT")
        : encrypt ? List.of("ENCRYPT") : decrypt ? List.of("DECRYPT") : List.of();
  }
}
