package io.ekms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.admin.client.AdminHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1,000 unauthenticated garbage requests a second for 10 s against the EKM while an authenticated
 * caller keeps decrypting. The refusals must cost a bounded number of audit records (one per
 * source, reason and second, far under one per request), every refusal must still be counted in
 * them, and the authenticated caller must be served throughout. Its latency, quiet and under the
 * flood, is written to {@code target/flood.txt}: a figure to report, not a test bound.
 */
class EkmFloodTest {
  private static final int RATE = 1_000;
  private static final int SECONDS = 10;

  /**
   * The attacker's connections, kept alive, as a real flood would: without a bound the JDK client
   * opens one more TLS connection for every request still in flight, and the handshakes, not the
   * server, set the pace on a two-core machine. Arrivals wait for a free connection.
   */
  private static final int CONNECTIONS = 64;

  private static AttackWorld w;
  private static String token;
  private static String decryptBody;
  private static String decryptPath;
  private static final Map<String, AtomicInteger> FLOOD_OUTCOMES = new ConcurrentHashMap<>();

  @BeforeAll
  static void world() throws Exception {
    w = AttackWorld.shared();
    token = w.ekmToken(w.alpha);
    String keyPath = AttackWorld.ekmVault(w.alpha) + "/keys/" + w.alpha.ekmKeyId();
    JsonNode enc =
        w.ekm("POST", keyPath + "/encrypt", token, "{\"plaintext\":\"aGVsbG8=\"}").json();
    decryptPath = keyPath + "/decrypt";
    decryptBody =
        "{\"ciphertext\":\""
            + enc.path("ciphertext").asText()
            + "\",\"iv\":\""
            + enc.path("iv").asText()
            + "\",\"tag\":\""
            + enc.path("tag").asText()
            + "\",\"keyVersionId\":\""
            + enc.path("keyVersionId").asText()
            + "\",\"mode\":\"AES_GCM\"}";
  }

  @Test
  @Timeout(300)
  void garbageFlood_tenSecondsAtThousandPerSecond_boundedRefusalRecordsAllCounted()
      throws Exception {
    AdminHttp admin = w.stack.ekmAdmin().http();
    decrypts(3_000, new AtomicBoolean(true)); // warm-up: the JIT, the pools, the token cache
    List<Long> quiet = decrypts(2_000, new AtomicBoolean(true));
    long startSeq = lastSeq(admin);

    AtomicBoolean flooding = new AtomicBoolean(true);
    List<Long> underFlood = Collections.synchronizedList(new ArrayList<>());
    Thread decrypter =
        Thread.ofVirtual().start(() -> underFlood.addAll(decrypts(Integer.MAX_VALUE, flooding)));
    int refused = flood();
    flooding.set(false);
    decrypter.join();

    List<JsonNode> refusals = new ArrayList<>();
    boolean allCounted =
        Eventually.within(
            Duration.ofSeconds(60),
            () -> {
              refusals.clear();
              refusals.addAll(refusalRecords(admin, startSeq));
              return counted(refusals) >= refused;
            });
    assertThat(allCounted).as("every refusal counted").isTrue();
    assertThat(counted(refusals)).isEqualTo(refused);
    assertThat(refusals).as("refusal records").hasSizeLessThan(100);
    assertThat(underFlood).as("authenticated decrypts during the flood").isNotEmpty();
    report(refused, refusals.size(), quiet, underFlood);
  }

  /**
   * Sends {@value #RATE} garbage requests a second for {@value #SECONDS} s, open loop over {@value
   * #CONNECTIONS} connections; returns how many were answered 401 (the refusals the audit must
   * count). Any other outcome fails the test, but for 503, the listener shedding load beyond its
   * concurrent-request limit.
   */
  private static int flood() throws InterruptedException {
    int total = RATE * SECONDS;
    Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    Semaphore connections = new Semaphore(CONNECTIONS);
    long start = System.nanoTime();
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < total; i++) {
        long due = start + i * 1_000_000_000L / RATE;
        LockSupport.parkNanos(due - System.nanoTime());
        int n = i;
        senders.submit(
            () -> {
              String outcome;
              connections.acquireUninterruptibly();
              try {
                Answer a =
                    w.ekm(
                        "POST",
                        decryptPath,
                        n % 2 == 0 ? null : "garbage." + n,
                        "{\"junk\":" + n + "}");
                outcome = Integer.toString(a.status());
              } catch (RuntimeException e) {
                Throwable root = e;
                while (root.getCause() != null) {
                  root = root.getCause();
                }
                outcome = e.getClass().getSimpleName() + ": " + root;
              } finally {
                connections.release();
              }
              outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
            });
      }
    }
    FLOOD_OUTCOMES.putAll(outcomes);
    assertThat(outcomes.keySet())
        .as("outcomes of the garbage: " + outcomes)
        .isSubsetOf("401", "503");
    return outcomes.getOrDefault("401", new AtomicInteger()).get();
  }

  private static List<Long> decrypts(int max, AtomicBoolean go) {
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < max && go.get(); i++) {
      long t0 = System.nanoTime();
      Answer a = w.ekm("POST", decryptPath, token, decryptBody);
      nanos.add(System.nanoTime() - t0);
      assertThat(a.status()).isEqualTo(200);
    }
    return nanos;
  }

  private static long lastSeq(AdminHttp admin) {
    long after = 0;
    while (true) {
      JsonNode items =
          admin.call("GET", "/admin/v1/audit?limit=1000&after=" + after, null).path("items");
      if (items.isEmpty()) {
        return after;
      }
      after = items.get(items.size() - 1).path("seq").asLong();
    }
  }

  private static List<JsonNode> refusalRecords(AdminHttp admin, long afterSeq) {
    List<JsonNode> out = new ArrayList<>();
    long after = afterSeq;
    while (true) {
      JsonNode items =
          admin.call("GET", "/admin/v1/audit?limit=1000&after=" + after, null).path("items");
      if (items.isEmpty()) {
        return out;
      }
      for (JsonNode e : items) {
        if (e.path("record").path("operation").asText().equals("REFUSALS")) {
          out.add(e.path("record"));
        }
        after = e.path("seq").asLong();
      }
    }
  }

  private static long counted(List<JsonNode> refusals) {
    return refusals.stream().mapToLong(r -> r.path("details").path("count").asLong()).sum();
  }

  private static long p99(List<Long> nanos) {
    return quantile(nanos, 0.99);
  }

  private static long quantile(List<Long> nanos, double q) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * q) - 1));
  }

  private static void report(int refused, int records, List<Long> quiet, List<Long> flood)
      throws IOException {
    String text =
        String.format(
            "EKM flood: %d garbage requests in %d s (%d/s): %s; %d refusal records%n"
                + "authenticated decrypt, one caller: quiet p50 %.2f ms p99 %.2f ms (%d calls),"
                + " under the flood p50 %.2f ms p99 %.2f ms (%d calls), p99 ratio %.2f%n",
            RATE * SECONDS,
            SECONDS,
            RATE,
            FLOOD_OUTCOMES,
            records,
            quantile(quiet, 0.5) / 1e6,
            p99(quiet) / 1e6,
            quiet.size(),
            quantile(flood, 0.5) / 1e6,
            p99(flood) / 1e6,
            flood.size(),
            (double) p99(flood) / p99(quiet));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "flood.txt"), text);
    System.out.print(text);
  }

  /** Polls a condition until it holds or the limit passes (a latch for state another node owns). */
  static final class Eventually {
    private Eventually() {}

    static boolean within(Duration limit, java.util.function.BooleanSupplier condition)
        throws InterruptedException {
      long deadline = System.nanoTime() + limit.toNanos();
      while (System.nanoTime() < deadline) {
        if (condition.getAsBoolean()) {
          return true;
        }
        Thread.sleep(200);
      }
      return condition.getAsBoolean();
    }
  }
}
