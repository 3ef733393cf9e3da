package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.core.tls.PemWriter;
import io.ekms.it.TenantWorld;
import io.ekms.sdk.ApiKey;
import io.ekms.sdk.KmsClient;
import io.ekms.sdk.KmsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ekms kms user create|list|add-key|grant|revoke} against the real KMS admin API, proved by
 * what the new user can then do through the KMS API with its key: nothing, then encrypt after the
 * grant, then nothing again after the revoke.
 */
class KmsUserCommandsTest {
  @TempDir Path dir;

  private static JsonNode kms(TenantWorld world, String... args) {
    CliRun run = CliRun.kmsAdmin(world.stack, args);
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    return run.out().isBlank() ? null : run.json();
  }

  @Test
  void userVerbs_createAddKeyGrantRevoke_decideWhatTheUsersKeyMayDo() throws Exception {
    TenantWorld world = new TenantWorld();
    String tenancy = world.tenant.tenancyId();
    String compartment = world.tenant.compartmentId();
    String user =
        kms(world, "kms", "user", "create", "--tenancy-id", tenancy, "--name", "auditor-bot")
            .path("id")
            .asText();
    assertThat(
            kms(world, "kms", "user", "list", "--tenancy-id", tenancy)
                .path("items")
                .findValuesAsText("id"))
        .contains(user);

    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    Path pem = Files.writeString(dir.resolve("public.pem"), PemWriter.encode(pair.getPublic()));
    String fingerprint =
        kms(world, "kms", "user", "add-key", "--user-id", user, "--public-key-file", pem.toString())
            .path("fingerprint")
            .asText();
    KmsClient client =
        KmsClient.builder()
            .endpoint(world.stack.kmsUrl())
            .apiKey(new ApiKey(tenancy, user, fingerprint, pair.getPrivate()))
            .trust(world.stack.caFile())
            .build();
    byte[] message = "user verbs".getBytes(StandardCharsets.UTF_8);

    assertThat(refusal(client, world, message).status()).isEqualTo(404);
    kms(
        world,
        "kms",
        "user",
        "grant",
        "--user-id",
        user,
        "--compartment-id",
        compartment,
        "--permission",
        "use");
    assertThat(client.crypto(world.vault.id()).encrypt(world.key.id(), message, Map.of()))
        .isNotNull();
    kms(world, "kms", "user", "revoke", "--user-id", user, "--compartment-id", compartment);
    assertThat(refusal(client, world, message).code()).isEqualTo("NotAuthorizedOrNotFound");
  }

  private static KmsException refusal(KmsClient client, TenantWorld world, byte[] message) {
    return catchThrowableOfType(
        KmsException.class,
        () -> client.crypto(world.vault.id()).encrypt(world.key.id(), message, Map.of()));
  }
}
