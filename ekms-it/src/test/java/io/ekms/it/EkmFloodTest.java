package io.ekms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.stack.admin.AdminHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
  private static AttackWorld w;
  private static String token;
  private static String decryptBody;
  private static String decryptPath;

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
    List<Long> quiet = decrypts(500, new AtomicBoolean(true));
    long startSeq = lastSeq(admin);

    AtomicBoolean flooding = new AtomicBoolean(true);
    List<Long> underFlood = Collections.synchronizedList(new ArrayList<>());
    Thread decrypter =
        Thread.ofVirtual().start(() -> underFlood.addAll(decrypts(Integer.MAX_VALUE, flooding)));
    int sent = flood();
    flooding.set(false);
    decrypter.join();

    List<JsonNode> refusals = new ArrayList<>();
    boolean allCounted =
        Eventually.within(
            Duration.ofSeconds(60),
            () -> {
              refusals.clear();
              refusals.addAll(refusalRecords(admin, startSeq));
              return counted(refusals) >= sent;
            });
    assertThat(allCounted).as("every refusal counted").isTrue();
    assertThat(counted(refusals)).isEqualTo(sent);
    assertThat(refusals).as("refusal records").hasSizeLessThan(100);
    assertThat(underFlood).as("authenticated decrypts during the flood").isNotEmpty();
    report(sent, refusals.size(), quiet, underFlood);
  }

  /** Sends {@value #RATE} garbage requests a second for {@value #SECONDS} s, open loop. */
  private static int flood() throws InterruptedException {
    int total = RATE * SECONDS;
    AtomicInteger answered = new AtomicInteger();
    long start = System.nanoTime();
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < total; i++) {
        long due = start + i * 1_000_000_000L / RATE;
        LockSupport.parkNanos(due - System.nanoTime());
        int n = i;
        senders.submit(
            () -> {
              Answer a =
                  w.ekm(
                      "POST",
                      decryptPath,
                      n % 2 == 0 ? null : "garbage." + n,
                      "{\"junk\":" + n + "}");
              if (a.status() == 401) {
                answered.incrementAndGet();
              }
            });
      }
    }
    assertThat(answered.get()).as("garbage answered 401").isEqualTo(total);
    return total;
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
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1));
  }

  private static void report(int sent, int records, List<Long> quiet, List<Long> flood)
      throws IOException {
    String text =
        String.format(
            "EKM flood: %d garbage requests in %d s (%d/s), %d refusal records%n"
                + "authenticated decrypt p99: quiet %.2f ms (%d calls), under flood %.2f ms (%d"
                + " calls), ratio %.2f%n",
            sent,
            SECONDS,
            RATE,
            records,
            p99(quiet) / 1e6,
            quiet.size(),
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
