package io.ekms.ekm.http;

import io.ekms.common.secret.Redacted;
import io.ekms.ekm.domain.Issuer;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.Vault;
import java.util.List;

/** What the admin API shows of EKM objects: never a key handle, never material. */
final class AdminViews {
  private AdminViews() {}

  record IssuerView(
      String id,
      String issuer,
      String jwksUri,
      String discoveryUrl,
      boolean hasCaBundle,
      String createdAt) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }

    static IssuerView of(Issuer i) {
      return new IssuerView(
          i.id(),
          i.issuer(),
          i.jwksUri(),
          i.discoveryUrl(),
          i.caBundlePem() != null,
          i.createdAt().toString());
    }
  }

  record VaultView(
      String id,
      String name,
      String issuerId,
      String clientId,
      String state,
      String endpointPath,
      String createdAt,
      String updatedAt) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }

    static VaultView of(Vault v) {
      return new VaultView(
          v.id(),
          v.name(),
          v.issuerId(),
          v.clientId(),
          v.state().name(),
          EkmApiRoutes.BASE.replace("{vaultId}", v.id()),
          v.createdAt().toString(),
          v.updatedAt().toString());
    }
  }

  record KeyView(
      String id,
      String vaultId,
      String name,
      String algorithm,
      int lengthBits,
      String state,
      List<String> ops,
      String currentVersionId,
      String backend,
      String createdAt,
      String updatedAt,
      String kmsRotation,
      Integer rotationPeriodDays,
      String nextRotationAt,
      String deletionTime) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }

    static KeyView of(Key k) {
      return of(k, null);
    }

    /** The key and, while it is pending deletion, when it is deleted. */
    static KeyView of(Key k, java.time.Instant deletionTime) {
      return new KeyView(
          k.id(),
          k.vaultId(),
          k.name(),
          Key.ALGORITHM,
          k.lengthBits(),
          k.state().name(),
          k.ops().stream().map(Enum::name).sorted().toList(),
          k.currentVersionId(),
          k.backend(),
          k.createdAt().toString(),
          k.updatedAt().toString(),
          k.kmsRotation().name(),
          k.rotationPeriodDays(),
          k.nextRotationAt() == null ? null : k.nextRotationAt().toString(),
          deletionTime == null ? null : deletionTime.toString());
    }
  }

  record VersionView(
      String id,
      String keyId,
      int number,
      String state,
      String backend,
      String createdAt,
      String updatedAt) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }

    static VersionView of(KeyVersion v) {
      return new VersionView(
          v.id(),
          v.keyId(),
          v.number(),
          v.state().name(),
          v.handle() == null ? null : v.handle().backend(),
          v.createdAt().toString(),
          v.updatedAt().toString());
    }
  }

  /** A list answer; {@code nextPage} (absent on the last page) asks for the next one. */
  record ListView<T>(
      List<T> items,
      @com.fasterxml.jackson.annotation.JsonInclude(
              com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
          String nextPage) {
    ListView(List<T> items) {
      this(items, null);
    }

    static <T> ListView<T> of(io.ekms.ekm.service.Pages.Page<T> page) {
      return new ListView<>(page.items(), page.next());
    }

    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** Where an issuer's keys come from now: the whole of it, as on creation but the issuer URL. */
  record UpdateIssuer(String jwksUri, String discoveryUrl, String caBundle) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record CreateIssuer(String issuer, String jwksUri, String discoveryUrl, String caBundle) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record CreateVault(String name, String issuerId, String clientId) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** Body of delete key (optional): the waiting period, 7 to 30 days. */
  record DeleteKey(Integer pendingDays) {}

  record CreateKey(String name, Integer lengthBits, List<String> ops, String backend) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }
}
