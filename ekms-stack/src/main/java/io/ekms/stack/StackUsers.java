package io.ekms.stack;

import io.ekms.core.tls.PemWriter;
import io.ekms.sdk.ApiKey;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/** KMS users of a {@link StackEndpoints stack}, made through its admin API. */
public final class StackUsers {
  private StackUsers() {}

  /**
   * A new user of {@code tenancyId} named {@code name}, with a new RSA-2048 API key and one grant
   * of {@code permission} ({@code read}, {@code use} or {@code manage}) in {@code compartmentId}.
   */
  public static ApiKey create(
      StackEndpoints stack,
      String name,
      String tenancyId,
      String compartmentId,
      String permission) {
    var admin = stack.kmsAdmin();
    String userId = admin.createUser(tenancyId, name);
    KeyPair pair = rsa();
    String fingerprint = admin.addApiKey(userId, PemWriter.encode(pair.getPublic()));
    admin.grant(userId, compartmentId, permission);
    return new ApiKey(tenancyId, userId, fingerprint, pair.getPrivate());
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
