package io.ekms.stack;

import io.ekms.core.crypto.Randoms;
import io.ekms.core.tls.PemWriter;
import io.ekms.sdk.ApiKey;
import io.ekms.sdk.KmsClient;
import io.ekms.sdk.model.Key;
import io.ekms.sdk.model.PrivateEndpoint;
import io.ekms.sdk.model.Vault;
import io.ekms.stack.admin.IdentityAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
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
      LoopbackStack stack, String name, String tenancyId, String compartmentId) {
    String tag = name + "-" + Randoms.hex(3);
    IdentityAdmin.Client client =
        stack
            .identityAdmin()
            .createClient("kms-" + tag, List.of(stack.ekmAudience()), List.of("oci_ekms"));
    var ekm = stack.ekmAdmin();
    String issuerId = ekm.trustIssuer(stack.identity().issuer(), read(stack.caFile()));
    String ekmVault = ekm.createVault(tag, issuerId, client.id());
    String ekmKey = ekm.createKey(ekmVault, tag);
    ApiKey apiKey = newUser(stack, tag, tenancyId, compartmentId);
    KmsClient kms = client(stack, apiKey);
    PrivateEndpoint endpoint =
        kms.createPrivateEndpoint(
            new PrivateEndpoint.Create(
                compartmentId,
                tag,
                "ocid1.subnet.oc1.." + Randoms.hex(8),
                "127.0.0.1",
                stack.ekm().apiPort(),
                read(stack.caFile())));
    Vault vault =
        kms.createVault(
            Vault.Create.external(
                compartmentId,
                tag,
                new Vault.Metadata(
                    stack.ekmUrl() + "/oci/ekm/v1/vaults/" + ekmVault,
                    endpoint.id(),
                    new Vault.Oauth(stack.identity().issuer(), client.id(), client.secret()))));
    Key key = kms.management(vault.id()).createKey(Key.Create.external(compartmentId, tag, ekmKey));
    return new StackTenant(
        name,
        tenancyId,
        compartmentId,
        apiKey,
        client,
        ekmVault,
        ekmKey,
        endpoint.id(),
        vault.id(),
        key.id());
  }

  /** A KMS client signing as this tenant's user, trusting the stack's CA. */
  public KmsClient client(LoopbackStack stack) {
    return client(stack, apiKey);
  }

  private static KmsClient client(LoopbackStack stack, ApiKey apiKey) {
    try {
      return KmsClient.builder()
          .endpoint(stack.kms().baseUrl())
          .apiKey(apiKey)
          .trust(stack.caFile())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ApiKey newUser(
      LoopbackStack stack, String tag, String tenancyId, String compartmentId) {
    var admin = stack.kmsAdmin();
    String userId = admin.createUser(tenancyId, tag);
    KeyPair pair = rsa();
    String fingerprint = admin.addApiKey(userId, PemWriter.encode(pair.getPublic()));
    admin.grant(userId, compartmentId, "manage");
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

  private static String read(java.nio.file.Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
