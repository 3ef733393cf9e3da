package io.ekms.ekm.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.Issuer;
import io.ekms.ekm.domain.Vault;
import io.ekms.ekm.domain.VaultState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link IssuerRepository}, {@link VaultRepository} and {@link MetaRepository} on one store. */
abstract class IssuerVaultMetaContract extends StoreContract {
  private static final String PEM =
      "-----BEGIN CERTIFICATE-----\nMIIB\u00e9\n-----END CERTIFICATE-----\n".repeat(40);

  @Test
  void issuerInsert_thenFindByIdAndByIssuer_returnsEqualIssuer() {
    Issuer issuer =
        new Issuer(
            Ids.newIssuer(),
            "https://" + StoreObjects.unique("idp") + ".example/oauth2",
            null,
            "https://idp.example/.well-known/openid-configuration",
            PEM,
            StoreObjects.tick());

    write(c -> issuers.insert(c, issuer));

    assertThat(findIssuer(issuer.id())).contains(issuer);
    Optional<Issuer> byIssuer = read(c -> issuers.findByIssuer(c, issuer.issuer()));
    Optional<Issuer> nobody = read(c -> issuers.findByIssuer(c, "https://nobody.example"));
    assertThat(byIssuer).contains(issuer);
    assertThat(findIssuer(Ids.newIssuer())).isEmpty();
    assertThat(nobody).isEmpty();
  }

  @Test
  void issuerList_afterInserts_containsThemInCreationOrder() {
    Issuer first = seedIssuer();
    Issuer second = seedIssuer();

    List<Issuer> all = read(issuers::list);

    assertThat(all).containsSubsequence(first, second);
  }

  @Test
  void issuerInsert_sameIssuerUrlTwice_isConstraintViolation() {
    Issuer first = seedIssuer();
    Issuer again =
        new Issuer(
            Ids.newIssuer(),
            first.issuer(),
            "https://other.example/jwks",
            null,
            null,
            StoreObjects.tick());

    assertConstraintViolation(() -> write(c -> issuers.insert(c, again)));
    assertThat(findIssuer(again.id())).isEmpty();
  }

  @Test
  void issuerDelete_untrusted_removesItOnce() {
    Issuer issuer = seedIssuer();

    boolean first = read(c -> issuers.delete(c, issuer.id()));
    boolean again = read(c -> issuers.delete(c, issuer.id()));

    assertThat(first).isTrue();
    assertThat(again).isFalse();
    assertThat(findIssuer(issuer.id())).isEmpty();
  }

  @Test
  void issuerDelete_trustedByAVault_isConstraintViolationAndCounted() {
    Vault vault = seedVault();
    Issuer unused = seedIssuer();

    assertConstraintViolation(() -> write(c -> issuers.delete(c, vault.issuerId())));

    assertThat(findIssuer(vault.issuerId())).isPresent();
    int trusting = read(c -> vaults.countByIssuer(c, vault.issuerId()));
    int none = read(c -> vaults.countByIssuer(c, unused.id()));
    assertThat(trusting).isEqualTo(1);
    assertThat(none).isZero();
  }

  @Test
  void vaultInsert_thenFind_returnsEqualVault() {
    Vault vault = seedVault();

    assertThat(findVault(vault.id())).contains(vault);
    assertThat(findVault(Ids.newVault())).isEmpty();
  }

  @Test
  void vaultList_afterInserts_containsThemInCreationOrder() {
    Vault first = seedVault();
    Vault second = seedVault();

    List<Vault> all = read(vaults::list);

    assertThat(all).containsSubsequence(first, second);
  }

  @Test
  void vaultInsert_sameNameTwice_isConstraintViolation() {
    Vault first = seedVault();
    Vault again =
        new Vault(
            Ids.newVault(),
            first.name(),
            first.issuerId(),
            "other-client",
            VaultState.ACTIVE,
            StoreObjects.tick(),
            StoreObjects.tick());

    assertConstraintViolation(() -> write(c -> vaults.insert(c, again)));
    assertThat(findVault(again.id())).isEmpty();
  }

  @Test
  void vaultInsert_unknownIssuer_isConstraintViolation() {
    Vault orphan = StoreObjects.vault(Ids.newIssuer());

    assertConstraintViolation(() -> write(c -> vaults.insert(c, orphan)));
  }

  @Test
  void vaultUpdateState_blocked_storesStateAndTime() {
    Vault vault = seedVault();
    Vault blocked = vault.withState(VaultState.BLOCKED, StoreObjects.tick());

    write(c -> vaults.updateState(c, blocked));

    assertThat(findVault(vault.id())).contains(blocked);
  }

  @Test
  void metaPut_newThenExistingName_insertsThenUpdates() {
    String name = StoreObjects.unique("setting");

    write(c -> meta.put(c, name, "first"));
    assertThat(getMeta(name)).contains("first");
    write(c -> meta.put(c, name, "second"));

    assertThat(getMeta(name)).contains("second");
  }

  @Test
  void metaInsert_existingName_isConstraintViolationAndKeepsFirstValue() {
    String name = StoreObjects.unique("once");
    write(c -> meta.insert(c, name, "first"));

    assertConstraintViolation(() -> write(c -> meta.insert(c, name, "second")));
    assertThat(getMeta(name)).contains("first");
  }

  @Test
  void metaGet_unknownName_returnsEmpty() {
    assertThat(getMeta(StoreObjects.unique("missing"))).isEmpty();
  }
}
