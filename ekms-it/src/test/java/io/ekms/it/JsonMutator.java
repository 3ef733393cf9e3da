package io.ekms.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ekms.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded hostile variants of request bodies and ids: malformed JSON, wrong types, huge values, NUL
 * and right-to-left text, deep nesting, bad Base64, missing and unknown fields. The same seed gives
 * the same variants, so a failing case can be replayed.
 */
final class JsonMutator {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] NASTY = {
    "", " ", "\u0000", "\u202e", "\ud800", "\udc00x", "%00", "../../etc/passwd", "null",
    "ocid1.key.oc1..", "=====", "AAAA====", "@@@", "\uFEFF", "\r\n", "\\", "\"", "{}"
  };
  private final Random random;

  JsonMutator(long seed) {
    this.random = new Random(seed);
  }

  Random random() {
    return random;
  }

  /** An id: usually one of {@code good}, else a hostile string. */
  String id(List<String> good) {
    int pick = random.nextInt(10);
    if (pick < 5) {
      return good.get(random.nextInt(good.size()));
    }
    return switch (pick) {
      case 5 -> good.get(0) + NASTY[random.nextInt(NASTY.length)];
      // Long, but within the listeners' 4 KiB request line: over it the server must close the
      // connection without reading the request, and a client still sending its body may then lose
      // the 414 (TCP resets what it has not read). ListenerAttackTest covers the limit itself.
      case 6 -> "x".repeat(200 + random.nextInt(800));
      case 7 -> NASTY[random.nextInt(NASTY.length)];
      case 8 -> good.get(0).substring(0, random.nextInt(good.get(0).length()));
      default -> randomText(1 + random.nextInt(64));
    };
  }

  /** A body: usually {@code template} with one to three fields mutated, else raw garbage. */
  String body(ObjectNode template) {
    int pick = random.nextInt(12);
    if (pick == 0) {
      return Json.writeString(template)
          .substring(0, random.nextInt(Json.writeString(template).length()));
    }
    if (pick == 1) {
      return "[".repeat(random.nextInt(10_000));
    }
    if (pick == 2) {
      return randomText(random.nextInt(300));
    }
    if (pick == 3) {
      return "";
    }
    ObjectNode copy = template.deepCopy();
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      mutate(copy);
    }
    return Json.writeString(copy);
  }

  private void mutate(ObjectNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    if (names.isEmpty() || random.nextInt(8) == 0) {
      node.set("extra" + random.nextInt(100), value());
      return;
    }
    String name = names.get(random.nextInt(names.size()));
    JsonNode current = node.get(name);
    if (current.isObject() && random.nextBoolean()) {
      mutate((ObjectNode) current);
    } else if (random.nextInt(5) == 0) {
      node.remove(name);
    } else {
      node.set(name, value());
    }
  }

  private JsonNode value() {
    return switch (random.nextInt(11)) {
      case 0 -> F.nullNode();
      case 1 -> F.numberNode(random.nextLong());
      case 2 -> F.numberNode(-1);
      case 3 -> F.booleanNode(random.nextBoolean());
      case 4 -> F.textNode(NASTY[random.nextInt(NASTY.length)]);
      case 5 -> F.textNode("A".repeat(random.nextInt(70_000)));
      case 6 -> nested(1 + random.nextInt(200));
      case 7 -> F.objectNode().put("k" + random.nextInt(9), NASTY[random.nextInt(NASTY.length)]);
      case 8 -> F.textNode(randomText(1 + random.nextInt(40)));
      case 9 -> F.numberNode(random.nextDouble() * 1e300);
      default -> F.arrayNode().add(randomText(5)).add(7);
    };
  }

  private JsonNode nested(int depth) {
    ArrayNode root = F.arrayNode();
    ArrayNode at = root;
    for (int i = 0; i < depth; i++) {
      ArrayNode next = F.arrayNode();
      at.add(next);
      at = next;
    }
    return root;
  }

  /** Any UTF-16 text, surrogates and control characters included. */
  String randomText(int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] =
          switch (random.nextInt(4)) {
            case 0 -> (char) random.nextInt(0x20);
            case 1 -> (char) (0xD800 + random.nextInt(0x800));
            case 2 -> (char) random.nextInt(0x10000);
            default -> (char) ('a' + random.nextInt(26));
          };
    }
    return new String(chars);
  }
}
