package io.ekms.ekm.domain;

/** What a key, or one of its versions, may be used for. */
public enum KeyOp {
  ENCRYPT,
  DECRYPT
}
