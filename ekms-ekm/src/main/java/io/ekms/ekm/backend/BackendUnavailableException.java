package io.ekms.ekm.backend;

/** The key backend cannot serve right now (device down, library failing); callers see 503. */
public final class BackendUnavailableException extends RuntimeException {
  public BackendUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
