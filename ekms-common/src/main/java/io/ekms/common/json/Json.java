package io.ekms.common.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The one JSON configuration of ekms: strict on input (duplicate keys, trailing tokens and
 * oversized documents refused; unknown fields ignored for forward compatibility), compact on output
 * with nulls left out. Mappers are thread-safe and built once.
 */
public final class Json {
  /** Nesting and string limits far below Jackson's defaults: API bodies are small and flat. */
  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxNestingDepth(32)
          .maxStringLength(1 << 20)
          .maxNumberLength(32)
          .build();

  private static final ObjectMapper MAPPER = build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses {@code bytes} as {@code type}; malformed input raises {@link JsonInputException}. */
  public static <T> T read(byte[] bytes, Class<T> type) {
    try {
      T value = MAPPER.readValue(bytes, type);
      if (value == null) {
        throw new JsonInputException("The request body must be a JSON object.");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new JsonInputException(describe(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  public static String writeString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  /** A message naming where the document is wrong, without echoing its content. */
  private static String describe(JsonProcessingException e) {
    var location = e.getLocation();
    String where =
        location == null
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m
        && !m.getPath().isEmpty()) {
      return "Field '" + path(m.getPath()) + "' has the wrong type" + where + ".";
    }
    return "The request body is not valid JSON" + where + ".";
  }

  /**
   * The path as {@code a.b[1]}. Map keys are the caller's data rather than field names, so they
   * show as {@code *}.
   */
  private static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : refs) {
      if (ref.getFieldName() == null) {
        out.append('[').append(ref.getIndex()).append(']');
      } else {
        out.append(out.isEmpty() ? "" : ".")
            .append(ref.getFrom() instanceof Map<?, ?> ? "*" : ref.getFieldName());
      }
    }
    return out.toString();
  }

  private static ObjectMapper build() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    mapper.setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    mapper.getFactory().setStreamReadConstraints(LIMITS);
    return mapper;
  }
}
