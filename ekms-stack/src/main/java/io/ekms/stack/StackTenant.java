package io.ekms.stack;

import io.ekms.admin.client.IdentityAdmin;
import io.ekms.common.secret.SecretFiles;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.tls.PemWriter;
import io.ekms.sdk.ApiKey;
import io.ekms.sdk.KmsClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One customer, end to end on a {@link LoopbackStack}: an OAuth client in identity, an EKM vault
 * bound to it with one AES-256 key, and on the KMS a user of {@code tenancyId} with {@code manage}
 * in {@code compartmentId}, holding an API key, with a private endpoint to the EKM, an external
 * vault and an external key. Several tenants on one stack share nothing but the servers. The OAuth
 * client (whose secret {@code toString} hides) lets tests call the EKM as the KMS does.
 */
public record StackTenant(
    String name,
    String tenancyId,
    String compartmentId,
    ApiKey apiKey,
    IdentityAdmin.Client oauthClient,
    String ekmVaultId,
    String ekmKeyId,
    String privateEndpointId,
    String vaultId,
    String keyId) {

  /** Creates every resource of a new tenant through the admin APIs and the KMS API. */
  public static StackTenant provision(
      StackEndpoints stack, String name, String tenancyId, String compartmentId) {
    try {
      return provision(stack, name, tenancyId, compartmentId, StackSteps.SILENT);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot provision tenant " + name, e);
    }
  }

  /**
   * As {@link #provision(StackEndpoints, String, String, String)}, one step at a time through
   * {@code steps}; names carry a random suffix so that a set-up that failed half-way does not stop
   * the next one.
   */
  public static StackTenant provision(
      StackEndpoints stack, String name, String tenancyId, String compartmentId, StackSteps steps)
      throws Exception {
    return new TenantProvisioning(stack, name + "-" + Randoms.hex(3), steps)
        .run(name, tenancyId, compartmentId);
  }

  /** A KMS client signing as this tenant's user, trusting the stack's CA. */
  public KmsClient client(StackEndpoints stack) {
    return client(stack, apiKey);
  }

  /** A fresh access token of this tenant's OAuth client for the EKM, as the KMS fetches one. */
  public String ekmToken(LoopbackStack stack) {
    return OAuthTokens.fetch(stack, oauthClient);
  }

  /**
   * Writes the user's API key as an OCI config file: the tenancy and region {@code local} in its
   * {@code DEFAULT} section, the user, the key's fingerprint and {@code key_file} in profile {@code
   * profile} (which inherits the rest), the private key (owner-only) in {@code key.pem} beside it.
   */
  public Path writeOciConfig(Path config, String profile) throws IOException {
    Path dir = Files.createDirectories(config.toAbsolutePath().getParent());
    Path keyFile = dir.resolve("key.pem");
    Files.deleteIfExists(keyFile);
    SecretFiles.write(keyFile, PemWriter.encode(apiKey.privateKey()));
    List<String> lines =
        new ArrayList<>(
            List.of(
                "# the API key of KMS user " + apiKey.userId(),
                "[DEFAULT]",
                "tenancy=" + tenancyId,
                "region=local"));
    if (!"DEFAULT".equals(profile)) {
      lines.addAll(List.of("", "[" + profile + "]"));
    }
    lines.addAll(
        List.of(
            "user=" + apiKey.userId(),
            "fingerprint=" + apiKey.fingerprint(),
            "key_file=" + keyFile,
            ""));
    Files.writeString(config, String.join("\n", lines));
    return config;
  }

  static KmsClient client(StackEndpoints stack, ApiKey apiKey) {
    try {
      return KmsClient.builder()
          .endpoint(stack.kmsUrl())
          .apiKey(apiKey)
          .trust(stack.caFile())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
