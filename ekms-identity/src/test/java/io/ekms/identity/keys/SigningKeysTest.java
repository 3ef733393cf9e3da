package io.ekms.identity.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretBytes;
import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.identity.domain.SigningKeyInfo;
import io.ekms.identity.store.SigningKeyRepository;
import io.ekms.identity.store.StoredKey;
import io.ekms.testing.Await;
import io.ekms.testing.MutableClock;
import io.ekms.testing.TempDirs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SigningKeysTest {
  private static final Duration SKEW = Duration.ofSeconds(60);
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final Database db =
      Database.open(
          DatabaseConfig.h2File(TempDirs.create("signing-keys-"), "identity"),
          Map.of(),
          "db/identity",
          "db/audit");

  @AfterEach
  void close() {
    db.close();
  }

  private static KeySealer sealer(byte fill) {
    byte[] master = new byte[32];
    Arrays.fill(master, fill);
    return new KeySealer(SecretBytes.adopt(master));
  }

  @Test
  void createFirst_twice_makesOneKey() {
    assertThat(SigningKeys.createFirst(db, sealer((byte) 1), clock, 3600)).isTrue();
    assertThat(SigningKeys.createFirst(db, sealer((byte) 1), clock, 3600)).isFalse();

    assertThat(SigningKeys.open(db, sealer((byte) 1), clock, 3600, SKEW).list()).hasSize(1);
  }

  @Test
  void open_noKeyOrOtherMasterKey_misconfiguration() {
    assertThatThrownBy(() -> SigningKeys.open(db, sealer((byte) 1), clock, 3600, SKEW))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining("ekms identity init");
    SigningKeys.createFirst(db, sealer((byte) 1), clock, 3600);

    assertThatThrownBy(() -> SigningKeys.open(db, sealer((byte) 2), clock, 3600, SKEW))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining("wrong master key");
  }

  @Test
  void current_signs_verifiableWithThePublishedKey() throws Exception {
    SigningKeys.createFirst(db, sealer((byte) 1), clock, 3600);
    SigningKeys keys = SigningKeys.open(db, sealer((byte) 1), clock, 3600, SKEW);
    JWSObject jws =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keys.current().kid()).build(),
            new Payload("hello"));

    jws.sign(keys.current().signer());

    JWK published = keys.published().getKeyByKeyId(keys.current().kid());
    assertThat(published.isPrivate()).isFalse();
    assertThat(jws.verify(new RSASSAVerifier((RSAKey) published))).isTrue();
  }

  @Test
  void current_betweenRotations_isOneSignerBuiltOnce() {
    SigningKeys.createFirst(db, sealer((byte) 1), clock, 3600);
    SigningKeys keys = SigningKeys.open(db, sealer((byte) 1), clock, 3600, SKEW);

    ActiveKey first = keys.current();

    assertThat(keys.current()).isSameAs(first);
    assertThat(keys.current().signer()).isSameAs(first.signer());
    keys.rotate();
    assertThat(keys.current()).isNotSameAs(first);
  }

  @Test
  void rotate_previousPublishedUntilLifetimePlusSkewPlusPeerRefresh() {
    SigningKeys.createFirst(db, sealer((byte) 1), clock, 3600);
    SigningKeys keys = SigningKeys.open(db, sealer((byte) 1), clock, 3600, SKEW);
    String first = keys.current().kid();

    SigningKeyInfo second = keys.rotate();

    assertThat(keys.current().kid()).isEqualTo(second.kid()).isNotEqualTo(first);
    SigningKeyInfo old = keys.list().get(1);
    assertThat(old.kid()).isEqualTo(first);
    assertThat(old.retireAt()).isEqualTo(clock.instant().plusSeconds(3662));
    clock.advance(Duration.ofSeconds(3661));
    assertThat(keys.published().getKeyByKeyId(first)).isNotNull();
    clock.advance(Duration.ofSeconds(1));
    assertThat(keys.published().getKeyByKeyId(first)).isNull();
    assertThat(keys.list()).extracting(SigningKeyInfo::kid).containsExactly(second.kid());
  }

  @Test
  void signing_racingRotations_neverStampedAfterItsKeyWasReplaced() throws Exception {
    Clock ticking = Clock.systemUTC();
    SigningKeys.createFirst(db, sealer((byte) 1), ticking, 3600);
    SigningKeys keys = SigningKeys.open(db, sealer((byte) 1), ticking, 3600, SKEW);
    List<SigningKeys.Signing> seen = new CopyOnWriteArrayList<>();
    List<Set<String>> kidsSeenBy = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Set<String> mine = ConcurrentHashMap.newKeySet();
      kidsSeenBy.add(mine);
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!stop.get()) {
                      SigningKeys.Signing s = keys.signing();
                      seen.add(s);
                      mine.add(s.key().kid());
                    }
                  }));
    }
    // Each key in turn is sampled by every sampler (racing with its rotation, then after it)
    // before the next rotation: counted, not left to a sleep.
    awaitEverySamplerSaw(kidsSeenBy, keys.signing().key().kid());
    for (int i = 0; i < 3; i++) {
      keys.rotate();
      awaitEverySamplerSaw(kidsSeenBy, keys.signing().key().kid());
    }
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }

    Map<String, Instant> supersededAt = new HashMap<>();
    for (StoredKey k : db.withConnection(new SigningKeyRepository()::all)) {
      supersededAt.put(k.kid(), k.supersededAt());
    }
    assertThat(kidsSeenBy).allSatisfy(kids -> assertThat(kids).hasSize(4));
    assertThat(seen.stream().map(s -> s.key().kid()).distinct()).hasSize(4);
    for (SigningKeys.Signing s : seen) {
      Instant replaced = supersededAt.get(s.key().kid());
      if (replaced != null) {
        assertThat(s.at().truncatedTo(ChronoUnit.MILLIS)).isBeforeOrEqualTo(replaced);
      }
    }
  }

  @Test
  void rotate_afterLongerLifetimeWasUsed_waitsForTheLongest() {
    SigningKeys.createFirst(db, sealer((byte) 1), clock, 3600);
    SigningKeys.open(db, sealer((byte) 1), clock, 7200, SKEW);
    SigningKeys shorter = SigningKeys.open(db, sealer((byte) 1), clock, 600, SKEW);

    shorter.rotate();

    assertThat(shorter.list().get(1).retireAt()).isEqualTo(clock.instant().plusSeconds(7262));
  }

  @Test
  void open_afterRetirement_deletesTheRetiredRow() {
    SigningKeys.createFirst(db, sealer((byte) 1), clock, 3600);
    SigningKeys.open(db, sealer((byte) 1), clock, 3600, SKEW).rotate();
    clock.advance(Duration.ofHours(2));

    SigningKeys.open(db, sealer((byte) 1), clock, 3600, SKEW);

    assertThat(db.withConnection(new SigningKeyRepository()::all))
        .hasSize(1)
        .allSatisfy(k -> assertThat(k.supersededAt()).isNull());
  }

  @Test
  void rotate_erasesThePreviousPrivateKey() {
    SigningKeys.createFirst(db, sealer((byte) 1), clock, 3600);
    SigningKeys.open(db, sealer((byte) 1), clock, 3600, SKEW).rotate();

    assertThat(db.withConnection(new SigningKeyRepository()::all))
        .filteredOn(k -> k.supersededAt() != null)
        .singleElement()
        .satisfies(k -> assertThat(k.sealedPrivate()).isNull());
  }

  private static void awaitEverySamplerSaw(List<Set<String>> kidsSeenBy, String kid)
      throws Exception {
    Await.until(
        "every sampler signs with " + kid,
        () -> kidsSeenBy.stream().allMatch(kids -> kids.contains(kid)));
  }

  @Test
  void signingAndPublished_peerRotated_followWithinRefresh() {
    SigningKeys.createFirst(db, sealer((byte) 1), clock, 3600);
    SigningKeys a = SigningKeys.open(db, sealer((byte) 1), clock, 3600, SKEW);
    SigningKeys b = SigningKeys.open(db, sealer((byte) 1), clock, 3600, SKEW);
    String first = b.signing().key().kid();

    String second = a.rotate().kid();

    assertThat(b.signing().key().kid()).isEqualTo(first);
    assertThat(b.published().getKeyByKeyId(second)).isNull();
    clock.advance(SigningKeys.REFRESH);
    assertThat(b.signing().key().kid()).isEqualTo(second);
    assertThat(b.published().getKeyByKeyId(second)).isNotNull();
    assertThat(b.published().getKeyByKeyId(first)).isNotNull();
  }

  @Test
  void rotate_afterPeerRotatedUnseen_supersedesThePeersKey() {
    SigningKeys.createFirst(db, sealer((byte) 1), clock, 3600);
    SigningKeys a = SigningKeys.open(db, sealer((byte) 1), clock, 3600, SKEW);
    SigningKeys b = SigningKeys.open(db, sealer((byte) 1), clock, 3600, SKEW);
    String second = a.rotate().kid();

    String third = b.rotate().kid();

    assertThat(b.list())
        .extracting(SigningKeyInfo::kid)
        .hasSize(3)
        .startsWith(third)
        .contains(second);
    assertThat(
            b.list().stream()
                .filter(k -> k.kid().equals(second))
                .findFirst()
                .orElseThrow()
                .retireAt())
        .isNotNull();
    clock.advance(SigningKeys.REFRESH);
    assertThat(a.signing().key().kid()).isEqualTo(third);
  }
}
