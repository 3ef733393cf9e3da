package io.ekms.kms.ekmclient;

/**
 * What an EKM key, or one of its versions, may be used for (docs/protocols/ekm-api.md, {@code
 * keyOps}).
 */
public enum KeyOp {
  ENCRYPT,
  DECRYPT
}
