package dev.spikeforge.boards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/** Strict access to a JSON object's fields; every error names the field by its path. */
final class JsonObject {
  private final JsonNode node;
  private final String path;

  JsonObject(JsonNode node, String path, Set<String> allowed) {
    this.node = node;
    this.path = path;
    if (node == null || !node.isObject()) {
      throw new BoardFormatException(path, "expected a JSON object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new BoardFormatException(at(f), "unknown field; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  String at(String field) {
    return path + "." + field;
  }

  JsonNode get(String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      throw new BoardFormatException(at(field), "missing required field");
    }
    return v;
  }

  String string(String field) {
    JsonNode v = get(field);
    if (!v.isTextual()) {
      throw new BoardFormatException(at(field), "expected a string, got " + v);
    }
    return v.asText();
  }

  /** A string or JSON null. */
  String stringOrNull(String field) {
    JsonNode v = get(field);
    return v.isNull() ? null : string(field);
  }

  /** An array of strings; an absent field is an empty list. */
  java.util.List<String> stringsOrEmpty(String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      return java.util.List.of();
    }
    if (!v.isArray()) {
      throw new BoardFormatException(at(field), "expected an array of strings, got " + v);
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw new BoardFormatException(at(field) + "[" + i + "]", "expected a string, got " + v.get(i));
      }
      out.add(v.get(i).asText());
    }
    return out;
  }

  long integer(String field) {
    JsonNode v = get(field);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new BoardFormatException(at(field), "expected an integer, got " + v);
    }
    return v.asLong();
  }

  int intValue(String field) {
    long v = integer(field);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new BoardFormatException(at(field), v + " does not fit a 32-bit integer");
    }
    return (int) v;
  }

  boolean bool(String field) {
    JsonNode v = get(field);
    if (!v.isBoolean()) {
      throw new BoardFormatException(at(field), "expected true or false, got " + v);
    }
    return v.asBoolean();
  }
}
