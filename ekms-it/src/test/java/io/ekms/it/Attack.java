package io.ekms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * One hostile request and exactly what it must be answered: status and stable error code. Every
 * answer must also be JSON and carry no internal exception name or JDK text.
 */
record Attack(String name, Supplier<Answer> request, int status, String code) {
  static Attack of(String name, int status, String code, Supplier<Answer> request) {
    return new Attack(name, request, status, code);
  }

  /** The cases as dynamic tests named after them. */
  static Stream<DynamicTest> run(List<Attack> attacks) {
    return attacks.stream().map(a -> DynamicTest.dynamicTest(a.name(), a::check));
  }

  void check() {
    Answer answer = request.get();
    assertThat(answer.status()).as(name + ": " + answer).isEqualTo(status);
    assertThat(answer.code()).as(name + ": " + answer).isEqualTo(code);
    assertThat(answer.message())
        .as(name + ": no internal text")
        .doesNotContain("Exception:", "java.", "at io.");
  }
}
