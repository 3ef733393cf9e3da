package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.keymanagement.KmsCryptoClient;
import com.oracle.bmc.keymanagement.model.CreateVaultDetails;
import com.oracle.bmc.keymanagement.model.DecryptDataDetails;
import com.oracle.bmc.keymanagement.model.EncryptDataDetails;
import com.oracle.bmc.keymanagement.model.GenerateKeyDetails;
import com.oracle.bmc.keymanagement.model.Key;
import com.oracle.bmc.keymanagement.model.KeyShape;
import com.oracle.bmc.keymanagement.model.Vault;
import com.oracle.bmc.keymanagement.requests.CreateVaultRequest;
import com.oracle.bmc.keymanagement.requests.DecryptRequest;
import com.oracle.bmc.keymanagement.requests.EncryptRequest;
import com.oracle.bmc.keymanagement.requests.GenerateDataEncryptionKeyRequest;
import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.retrier.RetryConfiguration;
import io.ekms.core.tls.LocalCa;
import io.ekms.it.keycloak.KeycloakAdmin;
import io.ekms.it.keycloak.KeycloakServer;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.MutableClock;
import io.ekms.testing.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The OCI SDK scenario with Keycloak as the vault's identity server (issue 19): a realm, a
 * confidential client with the client-credentials grant and an audience mapper naming the EKM, made
 * through Keycloak's admin REST API. The KMS finds Keycloak's token endpoint and the realm's {@code
 * oci_ekms} scope by OIDC discovery; the EKM trusts the realm by discovery and binds the vault to
 * the client Keycloak names in {@code azp}/{@code client_id}. One Keycloak (dev mode, from the
 * distribution Maven unpacks into {@code target/keycloak}) serves the whole class; it starts while
 * the stack does. The secret rotation runs last: it leaves the first vault's secret stale.
 */
@Tag("keycloak")
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakEndToEndTest {
  static final String REALM = "ekms";
  static final String CLIENT = "kms";

  /**
   * Realm token lifetime. The KMS reuses a token for half of it (its 60 s refresh margin exceeds
   * half); the test moves the KMS's token clock past that instead of waiting.
   */
  static final Duration TOKEN_LIFESPAN = Duration.ofSeconds(10);

  /** The clock the KMS ages its cached access tokens on. */
  static final MutableClock KMS_TOKEN_CLOCK = new MutableClock(Instant.now());

  static KeycloakServer keycloak;
  static Instant keycloakStarted;
  static KeycloakAdmin admin;
  static String clientUuid;
  static SdkWorld w;

  @BeforeAll
  static void start() throws Exception {
    Instant started = Instant.now();
    Path dir = TempDirs.create("kms-keycloak-");
    // The stack's CA, made before the stack (which then loads it) so that Keycloak, starting
    // meanwhile, has a certificate the KMS and the EKM trust.
    LocalCa ca = LocalCa.create("ekms loopback local CA");
    ca.writeTo(dir.resolve("tls"), true);
    keycloakStarted = Instant.now();
    keycloak = KeycloakServer.start(ca, Path.of("target", "keycloak-run"));
    w =
        new SdkWorld(
            b -> b.kmsTokenClock(KMS_TOKEN_CLOCK), dir, KeycloakEndToEndTest::keycloakClient);
    System.out.println("keycloak: world ready in " + Duration.between(started, Instant.now()));
  }

  /** Waits for Keycloak, then sets up the realm and the KMS's client for the stack's EKM. */
  static SdkWorld.OAuthIdentity keycloakClient(LoopbackStack stack) throws Exception {
    Duration boot = keycloak.awaitReady(keycloakStarted);
    System.out.println("keycloak: started in " + boot);
    admin = new KeycloakAdmin(keycloak);
    admin.createRealm(REALM, TOKEN_LIFESPAN);
    String scope = admin.createScope(REALM, "oci_ekms");
    clientUuid = admin.createClient(REALM, CLIENT, stack.ekmAudience(), scope);
    String realmUrl = keycloak.url() + "/realms/" + REALM;
    return new SdkWorld.OAuthIdentity(realmUrl, realmUrl, CLIENT, admin.secret(REALM, clientUuid));
  }

  @AfterAll
  static void stop() {
    if (w != null) {
      w.close();
    }
    if (keycloak != null) {
      keycloak.close();
    }
  }

  static EncryptRequest encryptOnce(String keyId) {
    return EncryptRequest.builder()
        .encryptDataDetails(
            EncryptDataDetails.builder().keyId(keyId).plaintext(SdkWorld.b64("x")).build())
        .retryConfiguration(RetryConfiguration.NO_RETRY_CONFIGURATION)
        .build();
  }

  static BmcException refusal(KmsCryptoClient crypto, String keyId) {
    try {
      crypto.encrypt(encryptOnce(keyId));
      return null;
    } catch (BmcException e) {
      return e;
    }
  }

  @Test
  @Order(1)
  void encryptDecryptAndDek_withKeycloakTokens_roundTrip() {
    Key key = w.newKey("keycloak");
    Map<String, String> aad = Map.of("tenant", "t1");

    String ct = w.encrypt(key.getId(), "hello keycloak", aad);

    assertThat(w.decrypt(key.getId(), ct, aad)).isEqualTo("hello keycloak");
    var dek =
        w.crypto
            .generateDataEncryptionKey(
                GenerateDataEncryptionKeyRequest.builder()
                    .generateKeyDetails(
                        GenerateKeyDetails.builder()
                            .keyId(key.getId())
                            .includePlaintextKey(true)
                            .keyShape(
                                KeyShape.builder()
                                    .algorithm(KeyShape.Algorithm.Aes)
                                    .length(32)
                                    .build())
                            .build())
                    .build())
            .getGeneratedKey();
    assertThat(Base64.getDecoder().decode(dek.getPlaintext())).hasSize(32);
    String unwrapped =
        w.crypto
            .decrypt(
                DecryptRequest.builder()
                    .decryptDataDetails(
                        DecryptDataDetails.builder()
                            .keyId(key.getId())
                            .ciphertext(dek.getCiphertext())
                            .build())
                    .build())
            .getDecryptedData()
            .getPlaintext();
    assertThat(unwrapped).isEqualTo(dek.getPlaintext());
    // The scope came from the realm's discovery document: the OCI form is not Keycloak's.
    String ociScope = w.stack.ekmAudience() + "oci_ekms";
    assertThat(admin.tokenStatus(REALM, CLIENT, w.clientSecret, ociScope)).isEqualTo(400);
  }

  @Test
  @Order(2)
  void keyDisabledInEkm_nextCallIsRefused() {
    String ekmKey = w.newEkmKey("switch");
    Key key = w.newKey("switch", ekmKey);
    w.encrypt(key.getId(), "before", null);

    w.ekmKeyAction(ekmKey, "disable");

    BmcException e = refusal(w.crypto, key.getId());
    assertThat(e).isNotNull();
    assertThat(e.getStatusCode()).isEqualTo(409);
    assertThat(e.getServiceCode()).isEqualTo("IncorrectState");
  }

  @Test
  @Order(3)
  void secretRotatedInKeycloak_oldSecretStopsWhenTokenExpires_newSecretWorks() throws Exception {
    Key key = w.newKey("rotation");
    w.encrypt(key.getId(), "before", null);

    String fresh = admin.rotateSecret(REALM, clientUuid);

    assertThat(admin.tokenStatus(REALM, CLIENT, w.clientSecret, "oci_ekms")).isEqualTo(401);
    assertThat(admin.tokenStatus(REALM, CLIENT, fresh, "oci_ekms")).isEqualTo(200);
    // Once its token is half spent (on the KMS's clock, moved here rather than waited for), the
    // KMS asks Keycloak for a new one with the old secret, and is refused.
    KMS_TOKEN_CLOCK.advance(TOKEN_LIFESPAN);
    BmcException refused = refusal(w.crypto, key.getId());
    assertThat(refused).isNotNull();
    assertThat(refused.getStatusCode()).isEqualTo(409);
    assertThat(refused.getServiceCode()).isEqualTo("ExternalServerIncorrectState");
    assertThat(refused.getMessage())
        .contains("the client id or secret is wrong")
        .doesNotContain(w.clientSecret)
        .doesNotContain(fresh);

    Vault renewed =
        w.vaults
            .createVault(
                CreateVaultRequest.builder()
                    .createVaultDetails(
                        CreateVaultDetails.builder()
                            .compartmentId(SdkWorld.COMPARTMENT)
                            .displayName("renewed")
                            .vaultType(CreateVaultDetails.VaultType.External)
                            .externalKeyManagerMetadata(w.metadata(w.endpoint.getId(), fresh))
                            .build())
                    .build())
            .getVault();
    assertThat(renewed.getLifecycleState()).isEqualTo(Vault.LifecycleState.Active);
    Key renewedKey =
        SdkWorld.newKey(w.sdk.management(renewed.getManagementEndpoint()), "renewed", w.ekmKeyId);
    KmsCryptoClient renewedCrypto = w.sdk.crypto(renewed.getCryptoEndpoint());
    assertThat(renewedCrypto.encrypt(encryptOnce(renewedKey.getId())).getEncryptedData())
        .isNotNull();
    assertThat(refusal(w.crypto, key.getId())).isNotNull();
  }
}
