package io.ekms.ekm.backup;

/**
 * A backup or restore that was refused, with one sentence saying why. {@link #notAuthentic()} tells
 * a file or share that failed its checks (damaged, tampered with, or opened with the wrong key)
 * from a refusal about the target or the configuration. Never carries secret material.
 */
public final class BackupRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean notAuthentic;

  private BackupRefusedException(String message, boolean notAuthentic) {
    super(message);
    this.notAuthentic = notAuthentic;
  }

  /** The file, key or shares failed a check; nothing was changed. */
  static BackupRefusedException notAuthentic(String sentence) {
    return new BackupRefusedException(sentence, true);
  }

  /** The target or configuration does not allow it; nothing was changed. */
  static BackupRefusedException refused(String sentence) {
    return new BackupRefusedException(sentence, false);
  }

  public boolean notAuthentic() {
    return notAuthentic;
  }
}
