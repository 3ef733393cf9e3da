package io.ekms.core.secret;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretBytes;
import io.ekms.common.secret.SecretFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a secret comes from: a file or an environment variable, never the config file itself.
 * Exactly one of {@code file} and {@code env} is set.
 */
public record SecretRef(String file, String env) {
  public SecretRef {
    if ((file == null) == (env == null)) {
      throw new IllegalArgumentException("a secret needs exactly one of 'file' or 'env'");
    }
  }

  public static SecretRef ofFile(Path path) {
    return new SecretRef(path.toString(), null);
  }

  /**
   * Reads the secret, trimming trailing line breaks from files (editors add them); fails with a
   * clear sentence when the variable is unset or empty, or the file unreadable, empty, or readable
   * by group or others.
   */
  public SecretBytes resolve(Map<String, String> environment) {
    if (env != null) {
      String value = environment.get(env);
      if (value == null || value.isEmpty()) {
        throw new Misconfiguration("environment variable " + env + " is not set.");
      }
      return SecretBytes.adopt(value.getBytes(StandardCharsets.UTF_8));
    }
    SecretFiles.requireOwnerOnly(Path.of(file), "secret file");
    try {
      byte[] bytes = Files.readAllBytes(Path.of(file));
      int end = bytes.length;
      while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
        end--;
      }
      SecretBytes secret = SecretBytes.copyOf(java.util.Arrays.copyOf(bytes, end));
      java.util.Arrays.fill(bytes, (byte) 0);
      if (end == 0) {
        secret.close();
        // An empty passphrase or password is a truncated or misplaced file, never a choice.
        throw new Misconfiguration("secret file " + file + " is empty.");
      }
      return secret;
    } catch (IOException e) {
      throw new Misconfiguration(
          "cannot read secret file " + file + " (" + e.getClass().getSimpleName() + ").");
    }
  }

  @Override
  public String toString() {
    return env != null ? "SecretRef[env=" + env + "]" : "SecretRef[file=" + file + "]";
  }
}
