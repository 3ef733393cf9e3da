package io.ekms.kms.service;

import static io.ekms.kms.service.ServiceBed.CA_PEM;
import static io.ekms.kms.service.ServiceBed.HOST;
import static io.ekms.kms.service.ServiceBed.PORT;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.Randoms;
import io.ekms.kms.ciphertext.KmsCiphertext;
import io.ekms.kms.domain.Ocids;
import io.ekms.kms.domain.Page;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every public service method that takes a {@link Caller}, aimed at given {@link Targets}: what a
 * call names by id or compartment. A test can so aim each one at another tenancy's resources, or at
 * ids that name nothing. Request bodies use the caller's own compartment, so that the only foreign
 * thing in a call is what it targets.
 */
final class TargetedCalls {
  private static final byte[] PLAINTEXT = "targeted".getBytes(StandardCharsets.UTF_8);

  private TargetedCalls() {}

  /**
   * What a call may name: a {@code compartment} it lists or creates in, the caller's {@code own}
   * compartment for request bodies, a private endpoint, a vault, a key, a key version of that key,
   * and a ciphertext ({@code sealed}) made by that key version.
   */
  record Targets(
      String compartment,
      String own,
      String endpoint,
      String vault,
      String key,
      String version,
      KmsCiphertext sealed) {

    /** The ciphertext, naming {@link #version} (the one that made it, unless it was swapped). */
    byte[] ciphertext() {
      return new KmsCiphertext(version, sealed.iv(), sealed.tag(), sealed.body()).encode();
    }

    /** These targets with, in turn, each one replaced by a fresh id of its type naming nothing. */
    List<Targets> eachMissing() {
      String compartmentNobodyHas = "ocid1.compartment.oc1.." + Randoms.hex(16);
      String endpointId = Ocids.newId("ekmsprivateendpoint");
      return List.of(
          new Targets(compartmentNobodyHas, own, endpoint, vault, key, version, sealed),
          new Targets(compartment, own, endpointId, vault, key, version, sealed),
          new Targets(compartment, own, endpoint, Ocids.newId("vault"), key, version, sealed),
          new Targets(compartment, own, endpoint, vault, Ocids.newId("key"), version, sealed),
          new Targets(compartment, own, endpoint, vault, key, Ocids.newId("keyversion"), sealed));
    }
  }

  /** How one method is called on targets. */
  @FunctionalInterface
  interface Action {
    void run(ServiceBed bed, Targets t, Caller c);
  }

  /** One service method, named {@code Service.method}. */
  record Call(String method, Action action) {
    @Override
    public String toString() {
      return method;
    }
  }

  static Stream<Call> all() {
    return Stream.of(endpointCalls(), vaultCalls(), keyCalls(), versionCalls(), cryptoCalls())
        .flatMap(List::stream);
  }

  private static List<Call> endpointCalls() {
    return List.of(
        new Call(
            "PrivateEndpointService.create",
            (b, t, c) ->
                b.endpoints.create(
                    c,
                    new PrivateEndpointService.Create(
                        t.compartment(), "ekm", null, HOST, PORT, CA_PEM))),
        new Call("PrivateEndpointService.get", (b, t, c) -> b.endpoints.get(c, t.endpoint())),
        new Call(
            "PrivateEndpointService.list",
            (b, t, c) -> b.endpoints.list(c, t.compartment(), page())),
        new Call(
            "PrivateEndpointService.update",
            (b, t, c) -> b.endpoints.update(c, t.endpoint(), "renamed", null)),
        new Call(
            "PrivateEndpointService.update",
            (b, t, c) ->
                b.endpoints.update(
                    c,
                    t.endpoint(),
                    new PrivateEndpointService.Update("renamed-again", null, null),
                    null)),
        new Call(
            "PrivateEndpointService.delete",
            (b, t, c) -> b.endpoints.delete(c, t.endpoint(), null)));
  }

  private static List<Call> vaultCalls() {
    return List.of(
        new Call("VaultService.create", TargetedCalls::createVault),
        new Call("VaultService.get", (b, t, c) -> b.vaults.get(c, t.vault())),
        new Call("VaultService.list", (b, t, c) -> b.vaults.list(c, t.compartment(), page())),
        new Call(
            "VaultService.change",
            (b, t, c) -> b.vaults.change(c, "UpdateVault", t.vault(), null, v -> v)),
        new Call("VaultService.rename", (b, t, c) -> b.vaults.rename(c, t.vault(), "n", null)),
        new Call(
            "VaultService.scheduleDeletion",
            (b, t, c) -> b.vaults.scheduleDeletion(c, t.vault(), null, null)),
        new Call(
            "VaultService.cancelDeletion",
            (b, t, c) -> b.vaults.cancelDeletion(c, t.vault(), null)),
        new Call("VaultService.usage", (b, t, c) -> b.vaults.usage(c, t.vault())));
  }

  private static List<Call> keyCalls() {
    return List.of(
        new Call(
            "KeyService.create",
            (b, t, c) ->
                b.keys.create(
                    c,
                    t.vault(),
                    new KeyService.Create(t.own(), "k", "AES", 32, "EXTERNAL", "ext-key"))),
        new Call("KeyService.get", (b, t, c) -> b.keys.get(c, t.vault(), t.key())),
        new Call("KeyService.list", (b, t, c) -> b.keys.list(c, t.vault(), t.own(), page())),
        new Call(
            "KeyService.change",
            (b, t, c) -> b.keys.change(c, "UpdateKey", t.vault(), t.key(), null, k -> k)),
        new Call("KeyService.rename", (b, t, c) -> b.keys.rename(c, t.vault(), t.key(), "n", null)),
        new Call("KeyService.enable", (b, t, c) -> b.keys.enable(c, t.vault(), t.key(), null)),
        new Call("KeyService.disable", (b, t, c) -> b.keys.disable(c, t.vault(), t.key(), null)),
        new Call(
            "KeyService.scheduleDeletion",
            (b, t, c) -> b.keys.scheduleDeletion(c, t.vault(), t.key(), null, null)),
        new Call(
            "KeyService.cancelDeletion",
            (b, t, c) -> b.keys.cancelDeletion(c, t.vault(), t.key(), null)));
  }

  private static List<Call> versionCalls() {
    return List.of(
        new Call(
            "KeyVersionService.create",
            (b, t, c) -> b.versions.create(c, t.vault(), t.key(), null)),
        new Call(
            "KeyVersionService.createVersion",
            (b, t, c) -> b.versions.createVersion(c, t.vault(), t.key(), null)),
        new Call(
            "KeyVersionService.get",
            (b, t, c) -> b.versions.get(c, t.vault(), t.key(), t.version())),
        new Call(
            "KeyVersionService.list", (b, t, c) -> b.versions.list(c, t.vault(), t.key(), page())),
        new Call(
            "KeyVersionService.scheduleDeletion",
            (b, t, c) ->
                b.versions.scheduleDeletion(c, t.vault(), t.key(), t.version(), null, null)),
        new Call(
            "KeyVersionService.cancelDeletion",
            (b, t, c) -> b.versions.cancelDeletion(c, t.vault(), t.key(), t.version(), null)));
  }

  private static List<Call> cryptoCalls() {
    return List.of(
        new Call(
            "CryptoService.encrypt",
            (b, t, c) -> b.crypto.encrypt(c, t.vault(), t.key(), t.version(), PLAINTEXT, null)),
        new Call(
            "CryptoService.decrypt",
            (b, t, c) ->
                b.crypto
                    .decrypt(c, t.vault(), t.key(), null, t.ciphertext(), null)
                    .plaintext()
                    .close()),
        new Call(
            "CryptoService.generateDataEncryptionKey",
            (b, t, c) ->
                b.crypto.generateDataEncryptionKey(c, t.vault(), t.key(), 32, null).dek().close()));
  }

  /** A vault in the caller's own compartment, through the targeted private endpoint. */
  private static void createVault(ServiceBed b, Targets t, Caller c) {
    b.vaults.create(
        c,
        new VaultService.Create(
            t.own(),
            "vault",
            "EXTERNAL",
            "https://" + HOST + ":" + PORT + "/oci/ekm/v1/vaults/targeted",
            t.endpoint(),
            "https://identity.example.test",
            "client",
            SecretBytes.copyOf("secret".getBytes(StandardCharsets.UTF_8))));
  }

  private static Page page() {
    return Page.of(null, 10);
  }
}
