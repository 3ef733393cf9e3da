package io.ekms.ekm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.error.ApiException;
import io.ekms.ekm.store.PageQuery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Page tokens and limits of the admin lists: round trip, and every malformed one a 400. */
class PagesTest {
  private record Row(Instant created, String id) {}

  private static final Function<Row, Instant> CREATED = Row::created;
  private static final Function<Row, String> ID = Row::id;

  private static Row row(long millis, char hex) {
    return new Row(Instant.ofEpochMilli(millis), "vlt-" + String.valueOf(hex).repeat(32));
  }

  @Test
  void of_moreRowsThanAsked_pageOfTheLimitAndATokenResumingAfterItsLast() {
    PageQuery asked = Pages.query("2", null);
    assertThat(asked.limit()).as("one more row than asked, to see a next page").isEqualTo(3);

    Pages.Page<Row> page =
        Pages.of(List.of(row(5, 'a'), row(6, 'b'), row(7, 'c')), asked, CREATED, ID);

    assertThat(page.items()).containsExactly(row(5, 'a'), row(6, 'b'));
    PageQuery next = Pages.query("2", page.next());
    assertThat(next.afterCreated()).isEqualTo(Instant.ofEpochMilli(6));
    assertThat(next.afterId()).isEqualTo(row(6, 'b').id());
  }

  @Test
  void of_lastPage_noToken() {
    Pages.Page<Row> page = Pages.of(List.of(row(5, 'a')), Pages.query("2", null), CREATED, ID);
    assertThat(page.next()).isNull();
  }

  @Test
  void query_noLimit_theMaximum() {
    assertThat(Pages.query(null, null).limit()).isEqualTo(Pages.MAX_LIMIT + 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "1001", "ten", "", "99999999999"})
  void query_badLimit_400NamingIt(String limit) {
    assertThatThrownBy(() -> Pages.query(limit, null))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.errorCode().code()).isEqualTo("InvalidRequest"))
        .hasMessageContaining("'limit'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not base64 !",
        "NjpiYWQ",
        "",
        "MTIzOnZsdC0xMjM",
        "LTE6dmx0LWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh"
      })
  void query_tamperedToken_400NamingThePage(String token) {
    assertThatThrownBy(() -> Pages.query("2", token))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("'page'");
  }

  @Test
  void query_overlongToken_400() {
    String big =
        Base64.getUrlEncoder()
            .encodeToString(
                ("1:vlt-" + "a".repeat(32) + "x".repeat(200)).getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> Pages.query("2", big)).isInstanceOf(ApiException.class);
  }
}
