package io.ekms.kms.ciphertext;

/** The ciphertext is not one this KMS made; one message for every cause. */
public final class MalformedCiphertextException extends RuntimeException {
  public static final String MESSAGE = "The ciphertext is malformed or was not made by this KMS.";

  public MalformedCiphertextException() {
    super(MESSAGE, null, false, false);
  }
}
