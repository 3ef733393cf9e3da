package io.ekms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WrkScriptTest {
  @Test
  void quote_quotesBackslashesAndControlBytes_escapedAsThreeDigits() {
    assertThat(WrkScript.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    // A decimal escape followed by a digit must not read as a longer escape.
    assertThat(WrkScript.quote("\n1")).isEqualTo("\"\\0101\"");
    assertThat(WrkScript.quote("é")).isEqualTo("\"\\195\\169\"");
  }

  @Test
  void of_wire_setsMethodBodyAndEveryHeaderAndTheDoneHook() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("authorization", "Signature keyId=\"k\"");
    headers.put("date", "Mon, 07 Dec 2026 16:00:00 GMT");
    String script =
        WrkScript.of(
            new Replayable.Wire(
                "POST",
                URI.create("https://127.0.0.1:1/x"),
                headers,
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));

    assertThat(script)
        .contains("wrk.method = \"POST\"\n")
        .contains("wrk.body = \"{\\\"a\\\":1}\"\n")
        .contains("wrk.headers[\"authorization\"] = \"Signature keyId=\\\"k\\\"\"\n")
        .contains("wrk.headers[\"date\"] = \"Mon, 07 Dec 2026 16:00:00 GMT\"\n")
        .contains("done = function(summary, latency, requests)")
        .contains(WrkScript.MARK);
  }

  @Test
  void parse_summaryLine_toResultCountsOnlyNon2xxAsFailedAnswers() {
    String output =
        "Running 1s test @ https://127.0.0.1:1/x\n  2 threads and 4 connections\n"
            + WrkScript.MARK
            + "{\"requests\":1000,\"durationMicros\":2000000,\"connect\":1,\"read\":2,"
            + "\"write\":3,\"status\":10,\"timeout\":4,\"p50\":1500,\"p99\":9000,\"p999\":12000}\n";

    Result r = WrkScript.parse(output).toResult("s", 4);

    assertThat(r.ops()).isEqualTo(990);
    assertThat(r.errors()).isEqualTo(20);
    assertThat(r.seconds()).isCloseTo(2.0, within(1e-9));
    assertThat(r.opsPerSecond()).isCloseTo(495.0, within(1e-9));
    assertThat(r.p50Ms()).isCloseTo(1.5, within(1e-9));
    assertThat(r.p99Ms()).isCloseTo(9.0, within(1e-9));
    assertThat(r.p999Ms()).isCloseTo(12.0, within(1e-9));
    assertThat(r.concurrency()).isEqualTo(4);
    assertThat(r.mode()).isEqualTo("closed");
  }

  @Test
  void parse_noSummaryLine_throwsWithWrksOutput() {
    assertThatThrownBy(() -> WrkScript.parse("unable to connect to 127.0.0.1:1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unable to connect");
  }

  @Test
  void parse_brokenSummary_throws() {
    assertThatThrownBy(() -> WrkScript.parse(WrkScript.MARK + "{\"requests\":\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not JSON");
  }
}
