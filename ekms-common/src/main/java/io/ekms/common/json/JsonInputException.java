package io.ekms.common.json;

/** The caller sent JSON that cannot be read; the message says where, never what. */
public final class JsonInputException extends RuntimeException {
  public JsonInputException(String message) {
    super(message, null, false, false);
  }
}
