package io.ekms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputTest {
  private static final List<Output.Column> COLUMNS =
      List.of(new Output.Column("ID", "/id"), new Output.Column("EXTERNAL", "/ref/key"));

  private static String print(Output.Format format, Object value) {
    StringWriter out = new StringWriter();
    Output.print(new PrintWriter(out), format, value, COLUMNS);
    return out.toString();
  }

  @Test
  void print_json_isOneCompactDocumentWithoutNulls() {
    assertThat(print(Output.Format.JSON, Map.of("id", "a")))
        .isEqualTo("{\"id\":\"a\"}" + System.lineSeparator());
  }

  @Test
  void print_tableOfAList_alignsColumnsAndMarksAbsentValues() {
    Object rows = List.of(Map.of("id", "long-id", "ref", Map.of("key", "k1")), Map.of("id", "b"));
    assertThat(print(Output.Format.TABLE, rows))
        .isEqualTo("ID       EXTERNAL\nlong-id  k1\nb        -\n");
  }
}
