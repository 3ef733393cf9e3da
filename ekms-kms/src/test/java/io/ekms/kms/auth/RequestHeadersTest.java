package io.ekms.kms.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestHeadersTest {
  @Test
  void values_nameInAnyCase_findsHeader() {
    RequestHeaders h = RequestHeaders.of(Map.of("Content-Type", List.of("application/json")));

    assertThat(h.values("content-type")).containsExactly("application/json");
    assertThat(h.values("CONTENT-TYPE")).containsExactly("application/json");
  }

  @Test
  void values_sameNameInTwoCases_keepsBothValues() {
    Map<String, List<String>> raw = new LinkedHashMap<>();
    raw.put("Date", List.of("a"));
    raw.put("date", List.of("b"));

    assertThat(RequestHeaders.of(raw).values("date")).containsExactly("a", "b");
  }

  @Test
  void values_absent_isEmptyNotNull() {
    assertThat(RequestHeaders.of(Map.of()).values("host")).isEmpty();
  }

  @Test
  void values_commaInValue_notSplit() {
    RequestHeaders h = RequestHeaders.of(Map.of("accept", List.of("a, b")));

    assertThat(h.values("accept")).containsExactly("a, b");
  }
}
