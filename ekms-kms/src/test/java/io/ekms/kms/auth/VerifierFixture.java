package io.ekms.kms.auth;

import static io.ekms.kms.auth.TestKeys.TENANCY;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.db.Database;
import io.ekms.kms.domain.User;
import io.ekms.kms.service.Caller;
import io.ekms.kms.service.DatabaseKeyDirectory;
import io.ekms.kms.service.KmsAudit;
import io.ekms.kms.service.PrincipalAdmin;
import io.ekms.kms.store.KmsDatabases;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * Two registered users (alice with two keys, bob with one) in an H2 store, a verifier whose clock
 * stands still at {@link #NOW}, and helpers that sign with the OCI SDK and verify. One store per
 * test class; tests that change it use users of their own.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class VerifierFixture {
  static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");
  static final String HOST = "kms.example.test:8443";
  static final String BASE = "https://" + HOST;
  static final String JSON = "{\"keyId\":\"k\",\"plaintext\":\"aGVsbG8=\"}";

  /** Who registers the users and keys. */
  static final Caller ADMIN = new Caller("admin", "req-register", Map.of());

  Database db;
  AuditLog log;
  PrincipalAdmin admin;
  RequestVerifier verifier;
  User alice;
  User bob;
  SdkSigner aliceSigner;

  @BeforeAll
  void register() {
    db = KmsDatabases.h2Memory();
    log = new AuditLog(db);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    admin = new PrincipalAdmin(db, new KmsAudit(log, clock), clock);
    verifier = new RequestVerifier(new DatabaseKeyDirectory(db), clock);
    alice = admin.createUser(ADMIN, TENANCY, "alice");
    bob = admin.createUser(ADMIN, TENANCY, "bob");
    admin.addKey(ADMIN, alice.id(), PublicKeys.toPem(TestKeys.ALICE.getPublic()));
    admin.addKey(ADMIN, alice.id(), PublicKeys.toPem(TestKeys.ALICE_SECOND.getPublic()));
    admin.addKey(ADMIN, bob.id(), PublicKeys.toPem(TestKeys.BOB.getPublic()));
    aliceSigner = signer(alice, TestKeys.ALICE);
  }

  @AfterAll
  void close() {
    log.close();
    db.close();
  }

  static SdkSigner signer(User user, KeyPair pair) {
    return new SdkSigner(
        user.tenancyId(), user.id(), PublicKeys.fingerprint(pair.getPublic()), pair);
  }

  static String httpDate(Instant t) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
  }

  /** The headers of a GET signed by {@code signer} with the date {@code at}. */
  static Map<String, List<String>> signedGet(SdkSigner signer, String target, Instant at) {
    return signer.sign("GET", URI.create(BASE + target), Map.of("date", httpDate(at)), null);
  }

  /** The headers of a POST of {@link #JSON} signed by {@code signer} at {@link #NOW}. */
  static Map<String, List<String>> signedPost(SdkSigner signer, String target) {
    return signer.sign(
        "POST",
        URI.create(BASE + target),
        Map.of("date", httpDate(NOW), "content-type", "application/json"),
        JSON);
  }

  Principal verify(String method, String target, Map<String, List<String>> headers, String body) {
    return verifier.verify(
        method, target, RequestHeaders.of(headers), body.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code headers} with {@code name} set to the single {@code value}. */
  static Map<String, List<String>> with(
      Map<String, List<String>> headers, String name, String value) {
    Map<String, List<String>> copy = new java.util.LinkedHashMap<>(headers);
    copy.put(name, List.of(value));
    return copy;
  }

  static String authorization(Map<String, List<String>> headers) {
    return headers.get("authorization").get(0);
  }
}
