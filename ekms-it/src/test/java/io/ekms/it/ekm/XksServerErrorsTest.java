package io.ekms.it.ekm;

import static io.ekms.it.ekm.XksErrorTableTest.expect;
import static io.ekms.it.ekm.XksStore.AKID1;
import static io.ekms.it.ekm.XksStore.BASE;
import static io.ekms.it.ekm.XksStore.SECRET1;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.stack.LoopbackStack;
import io.ekms.testing.AuditOutage;
import io.ekms.testing.Await;
import io.ekms.testing.TempDirs;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The path, method, size, rate, skew and server-side rows of the XKS error table. One stack serves
 * the class; the tests that break the audit store or skew the EKM's clock have their own.
 */
class XksServerErrorsTest {
  static LoopbackStack stack;
  static XksStore f;
  static final Map<String, Object> BODY = Map.of("requestMetadata", XksStore.metadata());

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("xks-server-")).start();
    f = new XksStore(EkmVault.ofIdentity(stack));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  /** The system clock plus {@link #skew}, which tests move; the EKM reads it on every request. */
  static final class SkewedClock extends Clock {
    volatile Duration skew = Duration.ZERO;

    @Override
    public Instant instant() {
      return Instant.now().plus(skew);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("tests use UTC");
    }
  }

  @Test
  void unknownKey_keyNotFoundException() throws Exception {
    expect(
        f.xks.post(BASE + "/keys/nope/metadata", AKID1, SECRET1, BODY),
        404,
        "KeyNotFoundException");
  }

  @Test
  void unknownPathOrPrefix_invalidUriPathException() throws Exception {
    expect(
        f.xks.post(BASE + "/keys/full/sign", AKID1, SECRET1, BODY), 404, "InvalidUriPathException");
    expect(
        f.xks.post("/other/kms/xks/v1/health", AKID1, SECRET1, BODY),
        404,
        "InvalidUriPathException");
  }

  @Test
  void get_onEveryOperation_405() throws Exception {
    for (String op : XksErrorTableTest.OPS) {
      assertThat(f.xks.send("GET", BASE + op, AKID1, SECRET1, null).status()).isEqualTo(405);
    }
  }

  @Test
  void overSizeLimits_unsupportedOperationException() throws Exception {
    expect(f.encrypt("full", new byte[8193], null, false), 501, "UnsupportedOperationException");
    expect(
        f.encrypt("full", new byte[16], new byte[8193], false),
        501,
        "UnsupportedOperationException");
  }

  @Test
  void overKeyStoreRate_throttlingException() throws Exception {
    String store = f.createStore("slow", "aws/slow", 1);
    f.addCredential(store, "AKIAEKMSXKSSLOWSTORE2", XksStore.SECRET2);
    int throttled = 0;
    for (int i = 0; i < 4; i++) {
      var a =
          f.xks.post(
              "/aws/slow/kms/xks/v1/health",
              "AKIAEKMSXKSSLOWSTORE2",
              XksStore.SECRET2,
              Map.of("requestMetadata", Map.of("kmsRequestId", "t", "kmsOperation", "x")));
      if (a.status() == 429) {
        expect(a, 429, "ThrottlingException");
        throttled++;
      }
    }
    assertThat(throttled).isPositive();
  }

  @Test
  void damagedSealedSecret_internalException() throws Exception {
    String store = f.createStore("damaged", "aws/damaged", 0);
    f.addCredential(store, "AKIAEKMSXKSDAMAGED234", XksStore.SECRET2);
    f.addCredential(store, "AKIAEKMSXKSDAMAGED567", XksStore.SECRET2);
    String jdbcUrl = stack.ekmConfig().database().jdbcUrl();
    try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", "")) {
      // A sealed secret moved to another credential's row must not open.
      c.createStatement()
          .execute(
              "UPDATE ekm_xks_credentials SET sealed_secret = (SELECT sealed_secret FROM"
                  + " ekm_xks_credentials WHERE access_key_id = 'AKIAEKMSXKSDAMAGED567')"
                  + " WHERE access_key_id = 'AKIAEKMSXKSDAMAGED234'");
    }
    f.addCredential(store, "AKIAEKMSXKSDAMAGED777", XksStore.SECRET2);
    expect(
        f.xks.post(
            "/aws/damaged/kms/xks/v1/health", "AKIAEKMSXKSDAMAGED234", XksStore.SECRET2, BODY),
        500,
        "InternalException");
  }

  @Test
  void auditStoreDown_dependencyTimeoutException() throws Exception {
    try (LoopbackStack own = LoopbackStack.builder(TempDirs.create("xks-audit-")).start()) {
      XksStore f = new XksStore(EkmVault.ofIdentity(own));
      AuditOutage outage = AuditOutage.of(own.dataDir().resolve("ekm"));
      try {
        expect(
            Await.answer(
                "an encrypt refused",
                () -> f.encrypt("full", "x".getBytes(StandardCharsets.UTF_8), null, false),
                a -> a.status() != 200),
            503,
            "DependencyTimeoutException");
      } finally {
        outage.close();
      }
      Await.until(
          "the EKM serves XKS again",
          () -> f.encrypt("full", new byte[1], null, false).status() == 200);
    }
  }

  @Test
  void serverClockSixMinutesAhead_authenticationFailed_thenRecovers() throws Exception {
    SkewedClock clock = new SkewedClock();
    try (LoopbackStack own =
        LoopbackStack.builder(TempDirs.create("xks-skew-")).ekmClock(clock).start()) {
      XksStore f = new XksStore(EkmVault.ofIdentity(own));
      // Restarted as before, on the same clock: the EKM keeps it across a restart.
      clock.skew = Duration.ofMinutes(6);
      own.stopEkm();
      own.startEkm();
      try {
        expect(
            f.xks.post(BASE + "/keys/full/metadata", AKID1, SECRET1, BODY),
            401,
            "AuthenticationFailedException");
      } finally {
        clock.skew = Duration.ZERO;
        own.stopEkm();
        own.startEkm();
      }
      assertThat(f.xks.post(BASE + "/keys/full/metadata", AKID1, SECRET1, BODY).status())
          .isEqualTo(200);
    }
  }
}
