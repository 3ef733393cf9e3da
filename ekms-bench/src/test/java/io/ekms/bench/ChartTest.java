package io.ekms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChartTest {
  private final Outcome outcome =
      Outcome.of(
          List.of(
              Points.closed("ceiling-1-hop", 1, 2000, 1),
              Points.closed("ceiling-1-hop", 16, 9000, 3),
              Points.closed("kms-decrypt", 16, 1000, 20),
              Points.closed("kms-decrypt", 1, 300, 4),
              Points.open("kms-decrypt", 500, 30)),
          List.of(),
          List.of("a <note> & more"));

  @Test
  void html_outcome_twoInlineSvgChartsWithOneLinePerScenarioAndNoScript() {
    String html = Chart.html(outcome, "ekms bench");

    assertThat(Pattern.compile("<svg ").matcher(html).results().count()).isEqualTo(2);
    assertThat(Pattern.compile("<polyline ").matcher(html).results().count()).isEqualTo(4);
    assertThat(Pattern.compile("<circle ").matcher(html).results().count()).isEqualTo(8);
    assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("href=");
    assertThat(html).contains("<title>kms-decrypt</title>").contains("c=1").contains("c=16");
    assertThat(html).contains("a &lt;note&gt; &amp; more");
  }

  @Test
  void series_closedLoopOnly_sortedByConcurrency() {
    var series = Chart.series(outcome.results());

    assertThat(series.keySet()).containsExactly("ceiling-1-hop", "kms-decrypt");
    assertThat(series.get("kms-decrypt")).extracting(Result::concurrency).containsExactly(1, 16);
  }

  @Test
  void label_axisValues_wholeAboveAHundredAndThreeDigitsBelow() {
    assertThat(Chart.label(0)).isEqualTo("0");
    assertThat(Chart.label(4559.4)).isEqualTo("4559");
    assertThat(Chart.label(12.345)).isEqualTo("12.3");
  }

  @Test
  void svg_throughput_highestPointAtTheTopOfThePlotAndZeroAtTheBottom() {
    String svg = Chart.svg("t", Chart.series(outcome.results()), Result::opsPerSecond);

    // The axis tops at 1.1 × the maximum (9000 ops/s): y = 30 + 290 - 290 × v / 9900, so 2000
    // sits at 261.4 and 9000 at 56.4; two concurrencies sit at x = 90 and 420.
    assertThat(svg).contains("points=\"90,261.4 420,56.4\"");
  }
}
