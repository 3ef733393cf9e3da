package io.ekms.conformance;

import java.util.Arrays;
import java.util.Base64;

/** The judgements checks make, each failing with a sentence that quotes what was answered. */
public final class Expect {
  private Expect() {}

  public static void that(boolean condition, String what) throws CheckFailed {
    if (!condition) {
      throw new CheckFailed(what);
    }
  }

  public static void status(Answer answer, int expected, String what) throws CheckFailed {
    if (answer.status() != expected) {
      throw new CheckFailed(what + ": expected " + expected + ", got " + answer.brief());
    }
  }

  /** Fails unless the answer is one of {@code expected}. */
  public static void statusIn(Answer answer, String what, int... expected) throws CheckFailed {
    if (Arrays.stream(expected).noneMatch(s -> s == answer.status())) {
      throw new CheckFailed(
          what + ": expected one of " + Arrays.toString(expected) + ", got " + answer.brief());
    }
  }

  /** Fails unless field {@code name} of a 2xx answer's body is present and standard Base64. */
  public static byte[] base64(Answer answer, String name) throws CheckFailed {
    String value = answer.json().path(name).asText(null);
    that(value != null, "the answer has no \"" + name + "\": " + answer.brief());
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new CheckFailed("\"" + name + "\" is not standard Base64: " + answer.brief());
    }
  }

  /** Fails unless {@code data} has exactly {@code length} bytes. */
  public static void length(byte[] data, int length, String name) throws CheckFailed {
    that(data.length == length, name + " has " + data.length + " bytes, expected " + length);
  }
}
