package io.ekms.conformance.xks;

import io.ekms.conformance.Hooks;
import io.ekms.conformance.Wire;
import java.time.Duration;
import java.util.Optional;

/**
 * What the XKS checks need: the key store's base URL (scheme, host and URI prefix, without {@code
 * /kms/xks/v1}), its SigV4 credential, a key with ENCRYPT and DECRYPT, and what enables the
 * optional checks.
 *
 * @param second a second live credential of the store (rotation without downtime)
 * @param usageKeys external ids of keys limited to encrypt only, decrypt only, or neither
 * @param mutualTls when the store requires client certificates: the kit's HTTPS without a client
 *     certificate, for the negative checks ({@code wire} presents the right one)
 */
public record XksTarget(
    Wire wire,
    String baseUrl,
    String keyId,
    SigV4Credential credential,
    Optional<SigV4Credential> second,
    UsageKeys usageKeys,
    Optional<MutualTls> mutualTls,
    Hooks hooks,
    Duration budget,
    int latencyCalls) {

  /** An access key id and its secret. */
  public record SigV4Credential(String accessKeyId, String secret) {
    @Override
    public String toString() {
      return "SigV4Credential[" + accessKeyId + ", secret redacted]";
    }
  }

  /** Keys limited in use, each optional. */
  public record UsageKeys(
      Optional<String> encryptOnly, Optional<String> decryptOnly, Optional<String> neither) {}

  /**
   * How to reach the store as a client without the right certificate: trusting the server, with no
   * client certificate, and with one the store cannot trust (self-signed, expired).
   */
  public record MutualTls(Wire without, Wire selfSigned, Wire expired) {}
}
