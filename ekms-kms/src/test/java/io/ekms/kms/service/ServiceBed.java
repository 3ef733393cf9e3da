package io.ekms.kms.service;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.audit.AuditEntry;
import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.AuditRecord;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.tls.LocalCa;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.egress.EgressPolicy;
import io.ekms.kms.external.FakeExternalVaults;
import io.ekms.kms.external.FakeExternalVaults.FakeVault;
import io.ekms.kms.external.FakeKey;
import io.ekms.kms.store.KmsDatabases;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The KMS's services over a real in-memory H2 database and a real audit log, with a fake EKM, a
 * recording {@link Access} and a settable clock; helpers create resources the way callers do.
 */
final class ServiceBed implements AutoCloseable {
  static final Instant T0 = Instant.parse("2031-05-06T07:08:09.123Z");
  static final String HOST = "ekm.example.test";
  static final int PORT = 8443;
  static final String PRINCIPAL = "ocid1.user.oc1..aaaaaaaaalice";
  static final String CA_PEM = LocalCa.create("fake EKM CA").certificatePem();

  final Database db = KmsDatabases.h2Memory();
  final TestClock clock = new TestClock(T0);
  final AuditLog log = new AuditLog(db);
  final KmsAudit audit = new KmsAudit(log, clock);
  final RecordingAccess access = new RecordingAccess();
  final FakeExternalVaults ekm = new FakeExternalVaults();
  final SecretSealer sealer = new SecretSealer(SecretBytes.adopt(Randoms.bytes(32)));
  final Resources resources = new Resources(db);
  final EgressPolicy egress = new EgressPolicy(List.of(), List.of(), true, ServiceBed::resolve);
  final PrivateEndpointService endpoints =
      new PrivateEndpointService(db, access, audit, clock, egress, sealer);
  final VaultService vaults =
      new VaultService(resources, access, audit, ekm, sealer, clock, egress);
  final KeyManagement management = new KeyManagement(resources, access, audit, ekm, sealer, clock);
  final KeyService keys = new KeyService(management);
  final KeyVersionService versions = new KeyVersionService(management);
  final CryptoService crypto = new CryptoService(resources, access, audit, ekm, sealer);
  final RetryTokens retryTokens = new RetryTokens(db, clock);
  final DeletionSweeper sweeper = new DeletionSweeper(db, audit, retryTokens, clock);
  final String compartment = "ocid1.compartment.oc1.." + Randoms.hex(16);

  /** Who {@link #caller()} is, and so who the helpers create resources as. */
  String principal = PRINCIPAL;

  /**
   * The names the fake EKM and identity server go by, as a resolver would answer: the {@code
   * .example.test} names are documentation addresses (RFC 5737), {@code metadata.example.test} is
   * the cloud metadata address; anything else does not resolve.
   */
  static InetAddress[] resolve(String host) throws UnknownHostException {
    return switch (host) {
      case "metadata.example.test" -> InetAddress.getAllByName("169.254.169.254");
      case "identity.example.test" -> InetAddress.getAllByName("192.0.2.7");
      default -> {
        if (host.endsWith(".example.test")) {
          yield InetAddress.getAllByName("192.0.2.5");
        }
        throw new UnknownHostException(host);
      }
    };
  }

  /** A caller with a fresh request id, so its audit records can be picked out. */
  Caller caller() {
    return callerAs(principal);
  }

  Caller callerAs(String principalId) {
    return new Caller(principalId, "req-" + Randoms.hex(8), Map.of());
  }

  PrivateEndpoint endpoint() {
    return endpointAs(caller());
  }

  PrivateEndpoint endpointAs(Caller caller) {
    return endpoints.create(
        caller, new PrivateEndpointService.Create(compartment, "ekm", null, HOST, PORT, CA_PEM));
  }

  /** A vault in the fake EKM and its KMS vault, through a fresh private endpoint. */
  record Made(Vault vault, FakeVault external, PrivateEndpoint endpoint) {}

  Made vault() {
    PrivateEndpoint p = endpoint();
    String url = "https://" + HOST + ":" + PORT + "/oci/ekm/v1/vaults/" + Randoms.hex(6);
    String secret = "secret-" + Randoms.hex(8);
    FakeVault external = ekm.addVault(url, "client-" + Randoms.hex(4), secret);
    Vault v = vaults.create(caller(), vaultCreate(p.id(), url, external.clientId(), secret));
    return new Made(v, external, p);
  }

  VaultService.Create vaultCreate(String endpointId, String url, String clientId, String secret) {
    return new VaultService.Create(
        compartment,
        "vault",
        "EXTERNAL",
        url,
        endpointId,
        "https://identity.example.test",
        clientId,
        SecretBytes.copyOf(secret.getBytes(StandardCharsets.UTF_8)));
  }

  /** A KMS key over a new 32-byte key of {@code made}'s EKM vault. */
  record MadeKey(Key key, FakeKey external, Made vault) {}

  MadeKey key(Made made) {
    FakeKey external = made.external().addKey(32);
    Key k = keys.create(caller(), made.vault().id(), keyCreate(external.id, 32));
    return new MadeKey(k, external, made);
  }

  MadeKey key() {
    return key(vault());
  }

  KeyService.Create keyCreate(String externalKeyId, int length) {
    return new KeyService.Create(compartment, "key", "AES", length, "EXTERNAL", externalKeyId);
  }

  /** The audit records of one request, in order. */
  List<AuditRecord> audited(String requestId) {
    return log.read(0, AuditLog.MAX_READ, requestId).stream().map(AuditEntry::record).toList();
  }

  /** Every audit record so far. */
  List<AuditRecord> audited() {
    List<AuditRecord> all = new java.util.ArrayList<>();
    List<AuditEntry> page;
    do {
      long after = all.size();
      page = log.read(after, AuditLog.MAX_READ, null);
      page.forEach(e -> all.add(e.record()));
    } while (page.size() == AuditLog.MAX_READ);
    return all;
  }

  /** Back to a reachable EKM, an allowing access check and the start time. */
  void reset() {
    ekm.unreachable(false);
    ekm.onCall(op -> {});
    access.reset();
    clock.set(T0);
  }

  @Override
  public void close() {
    sweeper.close();
    log.close();
    sealer.close();
    db.close();
  }
}
