package io.ekms.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.json.Json;
import io.ekms.conformance.report.JunitXml;
import io.ekms.conformance.report.ReportJson;
import io.ekms.conformance.report.ReportTable;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ReportFormatsTest {
  static final Report REPORT =
      new Report(
          "xks",
          "https://ekm.test/aws",
          Instant.parse("2026-12-07T10:00:00Z"),
          List.of(
              new Outcome("xks.a", "passes", Verdict.PASS, "", Duration.ofMillis(12)),
              new Outcome("xks.b", "fails", Verdict.FAIL, "got 403 <\"&'>", Duration.ofMillis(3)),
              new Outcome("xks.c", "skips", Verdict.SKIP, "needs --x", Duration.ZERO),
              new Outcome("xks.d", "errs", Verdict.ERROR, "cannot connect", Duration.ZERO)));

  @Test
  void junitXml_markupInDetail_parsesWithOneCasePerCheck() throws Exception {
    String xml = JunitXml.render(REPORT);
    var doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element suite = doc.getDocumentElement();
    assertThat(suite.getAttribute("tests")).isEqualTo("4");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("errors")).isEqualTo("1");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    var failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).isEqualTo("got 403 <\"&'>");
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(4);
  }

  @Test
  void json_counts_andEveryCheck() throws Exception {
    var json = Json.mapper().readTree(ReportJson.render(REPORT));
    assertThat(json.path("conforms").asBoolean()).isFalse();
    assertThat(json.path("pass").asInt()).isEqualTo(1);
    assertThat(json.path("fail").asInt()).isEqualTo(1);
    assertThat(json.path("checks")).hasSize(4);
    assertThat(json.path("checks").get(1).path("detail").asText()).isEqualTo("got 403 <\"&'>");
  }

  @Test
  void table_summary_namesTheVerdict() {
    assertThat(ReportTable.render(REPORT))
        .contains("FAIL  xks.b")
        .contains("1 passed, 1 failed, 1 erred, 1 skipped — DOES NOT CONFORM");
  }
}
