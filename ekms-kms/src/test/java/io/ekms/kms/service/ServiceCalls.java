package io.ekms.kms.service;

import static io.ekms.kms.service.Access.Need.MANAGE;
import static io.ekms.kms.service.Access.Need.READ;
import static io.ekms.kms.service.Access.Need.USE;

import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.Page;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.service.Access.Need;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Every public service operation as a table: its audit name, the needs it must ask of {@link
 * Access} in order, and how to run it (preparing fresh resources first, so each call can succeed).
 */
final class ServiceCalls {
  static final byte[] PLAINTEXT =
      "plaintext-that-must-never-be-logged".getBytes(StandardCharsets.UTF_8);

  private ServiceCalls() {}

  /** One operation: {@code prepare} makes what it needs and returns the call to make. */
  record Call(String operation, List<Need> needs, Function<ServiceBed, Consumer<Caller>> prepare) {
    @Override
    public String toString() {
      return operation;
    }
  }

  static Stream<Call> all() {
    return Stream.of(endpointCalls(), vaultCalls(), keyCalls(), versionCalls(), cryptoCalls())
        .flatMap(List::stream);
  }

  private static Call call(String op, List<Need> needs, Function<ServiceBed, Consumer<Caller>> p) {
    return new Call(op, needs, p);
  }

  private static List<Call> endpointCalls() {
    return List.of(
        call("CreateEkmsPrivateEndpoint", List.of(MANAGE), b -> c -> b.endpointAs(c)),
        call(
            "GetEkmsPrivateEndpoint",
            List.of(READ),
            b -> on(b.endpoint(), (p, c) -> b.endpoints.get(c, p.id()))),
        call(
            "ListEkmsPrivateEndpoints",
            List.of(READ),
            b -> c -> b.endpoints.list(c, b.compartment, page())),
        call(
            "UpdateEkmsPrivateEndpoint",
            List.of(MANAGE),
            b -> on(b.endpoint(), (p, c) -> b.endpoints.update(c, p.id(), "n", null))),
        call(
            "DeleteEkmsPrivateEndpoint",
            List.of(MANAGE),
            b -> on(b.endpoint(), (p, c) -> b.endpoints.delete(c, p.id(), null))));
  }

  private static List<Call> vaultCalls() {
    return List.of(
        call("CreateVault", List.of(MANAGE), ServiceCalls::createVault),
        call("GetVault", List.of(READ), b -> on(vault(b), (v, c) -> b.vaults.get(c, v.id()))),
        call("ListVaults", List.of(READ), b -> c -> b.vaults.list(c, b.compartment, page())),
        call(
            "GetVaultUsage", List.of(READ), b -> on(vault(b), (v, c) -> b.vaults.usage(c, v.id()))),
        call(
            "UpdateVault",
            List.of(MANAGE),
            b -> on(vault(b), (v, c) -> b.vaults.rename(c, v.id(), "n", null))),
        call(
            "ScheduleVaultDeletion",
            List.of(MANAGE),
            b -> on(vault(b), (v, c) -> b.vaults.scheduleDeletion(c, v.id(), null, null))),
        call(
            "CancelVaultDeletion",
            List.of(MANAGE),
            b -> on(pendingVault(b), (v, c) -> b.vaults.cancelDeletion(c, v.id(), null))));
  }

  private static List<Call> keyCalls() {
    return List.of(
        call("CreateKey", List.of(MANAGE), ServiceCalls::createKey),
        call(
            "GetKey", List.of(READ), b -> on(key(b), (k, c) -> b.keys.get(c, k.vaultId(), k.id()))),
        call(
            "ListKeys",
            List.of(READ),
            b -> on(key(b), (k, c) -> b.keys.list(c, k.vaultId(), b.compartment, page()))),
        call(
            "UpdateKey",
            List.of(MANAGE),
            b -> on(key(b), (k, c) -> b.keys.rename(c, k.vaultId(), k.id(), "n", null))),
        call(
            "DisableKey",
            List.of(MANAGE),
            b -> on(key(b), (k, c) -> b.keys.disable(c, k.vaultId(), k.id(), null))),
        call(
            "EnableKey",
            List.of(MANAGE),
            b -> on(key(b), (k, c) -> b.keys.enable(c, k.vaultId(), k.id(), null))),
        call(
            "ScheduleKeyDeletion",
            List.of(MANAGE),
            b -> on(key(b), (k, c) -> b.keys.scheduleDeletion(c, k.vaultId(), k.id(), null, null))),
        call(
            "CancelKeyDeletion",
            List.of(MANAGE),
            b -> on(pendingKey(b), (k, c) -> b.keys.cancelDeletion(c, k.vaultId(), k.id(), null))));
  }

  private static List<Call> versionCalls() {
    return List.of(
        call(
            "CreateKeyVersion",
            List.of(MANAGE),
            b -> on(rotatedInEkm(b), (k, c) -> b.versions.create(c, k.vaultId(), k.id(), null))),
        call(
            "GetKeyVersion",
            List.of(READ),
            b ->
                on(key(b), (k, c) -> b.versions.get(c, k.vaultId(), k.id(), k.currentVersionId()))),
        call(
            "ListKeyVersions",
            List.of(READ),
            b -> on(key(b), (k, c) -> b.versions.list(c, k.vaultId(), k.id(), page()))),
        call(
            "ScheduleKeyVersionDeletion",
            List.of(MANAGE),
            b ->
                on(
                    rotatedKey(b),
                    (k, c) ->
                        b.versions.scheduleDeletion(
                            c, k.vaultId(), k.id(), k.currentVersionId(), null, null))),
        call("CancelKeyVersionDeletion", List.of(MANAGE), ServiceCalls::cancelVersionDeletion));
  }

  private static List<Call> cryptoCalls() {
    return List.of(
        call(
            "Encrypt",
            List.of(USE),
            b ->
                on(
                    key(b),
                    (k, c) ->
                        b.crypto.encrypt(
                            c, k.vaultId(), k.id(), null, PLAINTEXT, Map.of("a", "b")))),
        call("Decrypt", List.of(USE), ServiceCalls::decrypt),
        call(
            "GenerateDataEncryptionKey",
            List.of(USE),
            b ->
                on(
                    key(b),
                    (k, c) ->
                        b.crypto
                            .generateDataEncryptionKey(c, k.vaultId(), k.id(), 32, null)
                            .dek()
                            .close())));
  }

  /** A call on a resource made beforehand. */
  private static <T> Consumer<Caller> on(
      T resource, java.util.function.BiConsumer<T, Caller> call) {
    return c -> call.accept(resource, c);
  }

  private static Page page() {
    return Page.of(null, 10);
  }

  private static Vault vault(ServiceBed b) {
    return b.vault().vault();
  }

  private static Vault pendingVault(ServiceBed b) {
    return b.vaults.scheduleDeletion(b.caller(), vault(b).id(), null, null);
  }

  private static Key key(ServiceBed b) {
    return b.key().key();
  }

  private static Key pendingKey(ServiceBed b) {
    Key k = key(b);
    return b.keys.scheduleDeletion(b.caller(), k.vaultId(), k.id(), null, null);
  }

  /** A key whose EKM key was rotated, so a new key version can be created. */
  private static Key rotatedInEkm(ServiceBed b) {
    ServiceBed.MadeKey made = b.key();
    made.external().rotate();
    return made.key();
  }

  /** A key whose first version is no longer current (returned as the key was before). */
  private static Key rotatedKey(ServiceBed b) {
    ServiceBed.MadeKey made = b.key();
    made.external().rotate();
    b.versions.create(b.caller(), made.key().vaultId(), made.key().id(), null);
    return made.key();
  }

  private static Consumer<Caller> createVault(ServiceBed b) {
    PrivateEndpoint p = b.endpoint();
    String url = "https://" + ServiceBed.HOST + ":" + ServiceBed.PORT + "/v/" + p.id().hashCode();
    String client = b.ekm.addVault(url, "client", "secret").clientId();
    return c -> b.vaults.create(c, b.vaultCreate(p.id(), url, client, "secret"));
  }

  private static Consumer<Caller> createKey(ServiceBed b) {
    ServiceBed.Made made = b.vault();
    String external = made.external().addKey(32).id;
    return c -> b.keys.create(c, made.vault().id(), b.keyCreate(external, 32));
  }

  private static Consumer<Caller> cancelVersionDeletion(ServiceBed b) {
    Key k = rotatedKey(b);
    b.versions.scheduleDeletion(b.caller(), k.vaultId(), k.id(), k.currentVersionId(), null, null);
    return c -> b.versions.cancelDeletion(c, k.vaultId(), k.id(), k.currentVersionId(), null);
  }

  private static Consumer<Caller> decrypt(ServiceBed b) {
    Key k = key(b);
    byte[] ct =
        b.crypto.encrypt(b.caller(), k.vaultId(), k.id(), null, PLAINTEXT, null).ciphertext();
    return c -> b.crypto.decrypt(c, k.vaultId(), k.id(), null, ct, null).plaintext().close();
  }
}
