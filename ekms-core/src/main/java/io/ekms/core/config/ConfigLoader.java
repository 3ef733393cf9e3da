package io.ekms.core.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ekms.common.config.Misconfiguration;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Loads a typed configuration tree: YAML file, then environment overrides, then validation by the
 * records' own constructors. Everything wrong surfaces at start-up as one {@link Misconfiguration}.
 *
 * <p>Environment overrides name a path of record components: {@code PREFIX_SERVER__PORT=9443} sets
 * {@code server.port}; segments are matched ignoring case and underscores.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ConfigLoader() {}

  public static <T extends Record> T load(
      Path file, Class<T> type, String envPrefix, Map<String, String> environment) {
    ObjectNode tree = readTree(file);
    applyEnvironment(tree, type, envPrefix, environment);
    try {
      return YAML.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      throw new Misconfiguration(
          "unknown setting '" + e.getPropertyName() + "' at " + path(e.getPath()) + ".");
    } catch (ValueInstantiationException e) {
      Throwable root = e.getCause() != null ? e.getCause() : e;
      throw new Misconfiguration(path(e.getPath()) + ": " + root.getMessage() + ".");
    } catch (IOException e) {
      // A primitive component left out (or set to null) fails like a wrong type; say what it is.
      var refs = pathOf(e);
      String problem = absent(tree, refs) ? " is required." : " has the wrong type.";
      throw new Misconfiguration("setting " + path(refs) + problem);
    }
  }

  private static boolean absent(
      JsonNode tree, java.util.List<JsonMappingException.Reference> refs) {
    if (refs.isEmpty()) {
      return false;
    }
    JsonNode node = tree;
    for (var ref : refs) {
      node = ref.getFieldName() != null ? node.path(ref.getFieldName()) : node.path(ref.getIndex());
    }
    return node.isMissingNode() || node.isNull();
  }

  private static ObjectNode readTree(Path file) {
    if (file == null || !Files.exists(file)) {
      if (file != null) {
        throw new Misconfiguration("config file " + file + " does not exist.");
      }
      return YAML.createObjectNode();
    }
    try {
      JsonNode node = YAML.readTree(file.toFile());
      if (node == null || node.isMissingNode() || node.isNull()) {
        return YAML.createObjectNode();
      }
      if (!(node instanceof ObjectNode object)) {
        throw new Misconfiguration("config file " + file + " must hold a YAML mapping.");
      }
      return object;
    } catch (IOException e) {
      throw new Misconfiguration("config file " + file + " is not valid YAML.");
    }
  }

  private static void applyEnvironment(
      ObjectNode tree, Class<?> type, String prefix, Map<String, String> environment) {
    String start = prefix.toUpperCase(Locale.ROOT) + "_";
    for (Map.Entry<String, String> e : environment.entrySet()) {
      if (e.getKey().startsWith(start)) {
        String[] segments = e.getKey().substring(start.length()).split("__");
        set(tree, type, segments, 0, e.getValue(), e.getKey());
      }
    }
  }

  private static void set(
      ObjectNode node, Class<?> type, String[] segments, int i, String value, String variable) {
    RecordComponent component = component(type, segments[i], variable);
    if (i == segments.length - 1) {
      node.put(component.getName(), value);
      return;
    }
    JsonNode child = node.get(component.getName());
    ObjectNode next = child instanceof ObjectNode o ? o : node.putObject(component.getName());
    set(next, component.getType(), segments, i + 1, value, variable);
  }

  private static RecordComponent component(Class<?> type, String segment, String variable) {
    if (type.isRecord()) {
      String wanted = normalize(segment);
      for (RecordComponent c : type.getRecordComponents()) {
        if (normalize(c.getName()).equals(wanted)) {
          return c;
        }
      }
    }
    throw new Misconfiguration("environment variable " + variable + " names no setting.");
  }

  private static String normalize(String name) {
    return name.replace("_", "").toLowerCase(Locale.ROOT);
  }

  private static java.util.List<JsonMappingException.Reference> pathOf(IOException e) {
    return e instanceof JsonMappingException m ? m.getPath() : java.util.List.of();
  }

  private static String path(java.util.List<JsonMappingException.Reference> refs) {
    StringBuilder out = new StringBuilder();
    for (var ref : refs) {
      if (ref.getFieldName() != null) {
        out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
      }
    }
    return out.isEmpty() ? "the top level" : out.toString();
  }
}
