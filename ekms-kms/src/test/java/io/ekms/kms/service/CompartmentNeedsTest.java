package io.ekms.kms.service;

import static io.ekms.kms.service.Access.Need.MANAGE;
import static io.ekms.kms.service.Access.Need.READ;
import static io.ekms.kms.service.Access.Need.USE;
import static io.ekms.kms.service.Refusals.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.Randoms;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.Page;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.external.FakeExternalVaults.FakeVault;
import io.ekms.kms.external.FakeKey;
import io.ekms.kms.service.Access.Need;
import io.ekms.kms.service.RecordingAccess.Asked;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The authorization rule with a private endpoint, a vault and a key in three compartments: an
 * operation needs its own need on the compartment of what it acts on, and USE (READ for a read) on
 * the compartment of each parent it goes through: the private endpoint of a new vault, the vault of
 * a key, a key version or a crypto call. Refused in any one of them, it is the 404 of a missing
 * resource, before any state check or EKM call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompartmentNeedsTest {
  static final String P = "ocid1.compartment.oc1..network";
  static final String V = "ocid1.compartment.oc1..vaults";
  static final String K = "ocid1.compartment.oc1..keys";
  private final ServiceBed bed = new ServiceBed();
  private World w;

  /** The endpoint (in P), vault (in V) and key (in K), with a ciphertext of that key. */
  record World(PrivateEndpoint endpoint, Vault vault, Key key, FakeKey external, byte[] sealed) {}

  @BeforeEach
  void world() {
    bed.reset();
    Caller c = bed.caller();
    PrivateEndpoint p =
        bed.endpoints.create(
            c,
            new PrivateEndpointService.Create(
                P, "ekm", null, ServiceBed.HOST, ServiceBed.PORT, ServiceBed.CA_PEM));
    Vault v = bed.vaults.create(c, vaultIn(V, p.id(), bed));
    FakeKey external = ekmVaultOf(v).addKey(32);
    Key k =
        bed.keys.create(
            c, v.id(), new KeyService.Create(K, "k", "AES", 32, "EXTERNAL", external.id));
    byte[] sealed =
        bed.crypto.encrypt(c, v.id(), k.id(), null, ServiceCalls.PLAINTEXT, null).ciphertext();
    w = new World(p, v, k, external, sealed);
    bed.access.reset();
  }

  @AfterAll
  void close() {
    bed.close();
  }

  /** How an operation is run on the world. */
  @FunctionalInterface
  interface Action {
    void run(ServiceBed b, World w, Caller c);
  }

  record Case(String operation, List<Asked> asks, Action action) {
    @Override
    public String toString() {
      return operation;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "CreateVault",
            asks(P, USE, V, MANAGE),
            (b, w, c) -> b.vaults.create(c, vaultIn(V, w.endpoint().id(), b))),
        new Case("GetVault", asks(V, READ), (b, w, c) -> b.vaults.get(c, w.vault().id())),
        new Case(
            "UpdateVault",
            asks(V, MANAGE),
            (b, w, c) -> b.vaults.rename(c, w.vault().id(), "n", null)),
        new Case(
            "CreateKey",
            asks(V, USE, K, MANAGE),
            (b, w, c) ->
                b.keys.create(
                    c,
                    w.vault().id(),
                    new KeyService.Create(
                        K, "k2", "AES", 32, "EXTERNAL", ekmVaultOf(w.vault(), b).addKey(32).id))),
        new Case(
            "ListKeys",
            asks(V, READ, K, READ),
            (b, w, c) -> b.keys.list(c, w.vault().id(), K, Page.of(null, 10))),
        new Case(
            "GetKey",
            asks(V, READ, K, READ),
            (b, w, c) -> b.keys.get(c, w.vault().id(), w.key().id())),
        new Case(
            "DisableKey",
            asks(V, USE, K, MANAGE),
            (b, w, c) -> b.keys.disable(c, w.vault().id(), w.key().id(), null)),
        new Case(
            "CreateKeyVersion",
            asks(V, USE, K, MANAGE),
            (b, w, c) -> {
              w.external().rotate();
              b.versions.create(c, w.vault().id(), w.key().id(), null);
            }),
        new Case(
            "GetKeyVersion",
            asks(V, READ, K, READ),
            (b, w, c) ->
                b.versions.get(c, w.vault().id(), w.key().id(), w.key().currentVersionId())),
        new Case(
            "ListKeyVersions",
            asks(V, READ, K, READ),
            (b, w, c) -> b.versions.list(c, w.vault().id(), w.key().id(), Page.of(null, 10))),
        new Case(
            "Encrypt",
            asks(V, USE, K, USE),
            (b, w, c) ->
                b.crypto.encrypt(
                    c, w.vault().id(), w.key().id(), null, ServiceCalls.PLAINTEXT, null)),
        new Case(
            "Decrypt",
            asks(V, USE, K, USE),
            (b, w, c) ->
                b.crypto
                    .decrypt(c, w.vault().id(), w.key().id(), null, w.sealed(), null)
                    .plaintext()
                    .close()),
        new Case(
            "GenerateDataEncryptionKey",
            asks(V, USE, K, USE),
            (b, w, c) ->
                b.crypto
                    .generateDataEncryptionKey(c, w.vault().id(), w.key().id(), 32, null)
                    .dek()
                    .close()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void call_resourcesInThreeCompartments_asksEachCompartmentItsNeed(Case c) {
    c.action().run(bed, w, bed.caller());

    assertThat(bed.access.asked()).containsExactlyElementsOf(c.asks());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void call_anyOneCompartmentRefused_isNotFoundWithoutAskingTheEkm(Case c) {
    for (Asked refused : c.asks()) {
      bed.access.reset();
      bed.access.denyIn(refused.compartmentId());
      int asked = bed.ekm.totalCalls();

      assertApiError(
          () -> c.action().run(bed, w, bed.caller()),
          KmsError.NOT_AUTHORIZED_OR_NOT_FOUND,
          KmsError.NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE);

      assertThat(bed.ekm.totalCalls()).as("EKM calls, %s refused", refused).isEqualTo(asked);
    }
  }

  private static List<Asked> asks(Object... pairs) {
    List<Asked> out = new java.util.ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.add(new Asked((String) pairs[i], (Need) pairs[i + 1]));
    }
    return out;
  }

  /** A vault in {@code compartment} over a new EKM vault, through the endpoint {@code p}. */
  private static VaultService.Create vaultIn(String compartment, String p, ServiceBed b) {
    String url = "https://" + ServiceBed.HOST + ":" + ServiceBed.PORT + "/v/" + Randoms.hex(6);
    String client = b.ekm.addVault(url, "client-" + url.hashCode(), "secret").clientId();
    return new VaultService.Create(
        compartment,
        "v",
        "EXTERNAL",
        url,
        p,
        "https://identity.example.test",
        client,
        SecretBytes.copyOf("secret".getBytes(StandardCharsets.UTF_8)));
  }

  private FakeVault ekmVaultOf(Vault v) {
    return ekmVaultOf(v, bed);
  }

  private static FakeVault ekmVaultOf(Vault v, ServiceBed b) {
    return b.ekm.vaultAt(v.externalVaultEndpointUrl());
  }
}
