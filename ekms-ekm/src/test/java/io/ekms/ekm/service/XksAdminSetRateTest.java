package io.ekms.ekm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.audit.AuditLog;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.error.ApiException;
import io.ekms.ekm.auth.xks.SecretSealer;
import io.ekms.ekm.domain.xks.XksError;
import io.ekms.ekm.domain.xks.XksKeyStore;
import io.ekms.testing.TempDirs;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Changing an XKS key store's rate on a real H2 store: audited, and this node's throttle (its
 * buckets' clock held still, so only the rate decides) applies the new rate to the next request.
 */
class XksAdminSetRateTest {
  private static final String HEALTH = "/aws/ks1/kms/xks/v1/health";

  private final Database db =
      Database.open(
          DatabaseConfig.h2File(TempDirs.create("xks-rate-"), "ekm"),
          Map.of(),
          "db/ekm",
          "db/audit");
  private final AuditLog log = new AuditLog(db);
  private final Clock clock = Clock.systemUTC();
  private final XksDirectory directory = new XksDirectory(db);
  private final XksAdmin admin =
      new XksAdmin(
          db,
          new SecretSealer(SecretBytes.adopt(Randoms.bytes(32))),
          directory,
          new AuditTrail(log, clock),
          clock);
  private final XksThrottle throttle = new XksThrottle(new AtomicLong(42)::get);
  private String storeId;

  @BeforeEach
  void createStore() {
    storeId = admin.createStore(ctx("create"), "ks1", "aws/ks1", 1).id();
  }

  @AfterEach
  void close() {
    log.close();
    db.close();
  }

  @Test
  void setRate_higherThenZero_throttleUsesEachFromTheNextRequest() {
    assertThat(admitted(3)).isEqualTo(1);

    XksKeyStore raised = admin.setRate(ctx("req-raise"), storeId, 3);

    assertThat(raised.ratePerSecond()).isEqualTo(3);
    assertThat(raised.name()).isEqualTo("ks1");
    assertThat(admitted(5)).isEqualTo(3);

    admin.setRate(ctx("req-none"), storeId, 0);

    assertThat(admitted(50)).isEqualTo(50);
    assertThat(log.read(0, AuditLog.MAX_READ, "req-raise"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.record().operation()).isEqualTo("XksUpdateKeyStore");
              assertThat(e.record().result()).isEqualTo(AuditTrail.OK);
              assertThat(e.record().details())
                  .containsEntry("storeId", storeId)
                  .containsEntry("ratePerSecond", "3")
                  .containsEntry("previousRatePerSecond", "1");
            });
  }

  @Test
  void setRate_lowered_throttlesWithTheNewRateAtOnce() {
    admin.setRate(ctx("req-raise"), storeId, 10);
    assertThat(admitted(4)).isEqualTo(4);

    admin.setRate(ctx("req-lower"), storeId, 2);

    assertThat(admitted(4)).isEqualTo(2);
  }

  @Test
  void setRate_outOfRange_isInvalidRequestNamingTheFieldAndKeepsTheRate() {
    for (int bad : new int[] {-1, 1_000_001}) {
      assertThatThrownBy(() -> admin.setRate(ctx("req-bad"), storeId, bad))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(EkmError.INVALID_REQUEST);
                assertThat(e.getMessage()).contains("'ratePerSecond'");
              });
    }

    assertThat(directory.byPath(HEALTH).orElseThrow().ratePerSecond()).isEqualTo(1);
    assertThat(log.read(0, AuditLog.MAX_READ, "req-bad"))
        .extracting(e -> e.record().operation() + " " + e.record().result())
        .containsExactly("XksUpdateKeyStore InvalidRequest", "XksUpdateKeyStore InvalidRequest");
  }

  @Test
  void setRate_unknownOrMalformedId_isNotFound() {
    for (String id : new String[] {"xks-00000000000000000000000000000000", "bogus", null}) {
      assertThatThrownBy(() -> admin.setRate(ctx("req-unknown"), id, 5))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.errorCode()).isEqualTo(EkmError.NOT_FOUND));
    }

    assertThat(admin.list(ctx("list"))).extracting(XksKeyStore::ratePerSecond).containsExactly(1);
  }

  /** How many of {@code requests} requests, back to back, the throttle admits. */
  private int admitted(int requests) {
    int admitted = 0;
    for (int i = 0; i < requests; i++) {
      try {
        throttle.acquire(directory.byPath(HEALTH).orElseThrow());
        admitted++;
      } catch (ApiException e) {
        assertThat(e.errorCode()).isEqualTo(XksError.THROTTLING);
      }
    }
    return admitted;
  }

  private static CallContext ctx(String requestId) {
    return CallContext.admin(requestId, "admin:test");
  }
}
