package io.ekms.ekm.auth;

import com.nimbusds.jwt.proc.BadJWTException;
import io.ekms.ekm.auth.TokenRejectedException.Reason;

/**
 * A claim check failed inside Nimbus's processor. It carries its {@link Reason} through {@code
 * DefaultJWTProcessor}, so rejections are classified by type, never by parsing messages.
 */
final class ClaimRejection extends BadJWTException {
  private final Reason reason;

  ClaimRejection(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }
}
