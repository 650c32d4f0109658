package dev.spikeforge.compiler.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spikeforge.golden.json.JsonMappers;
import dev.spikeforge.golden.spec.SpecException;

/** JSON helpers of the build directory: one mapper, canonical pretty output ending in a newline. */
final class Json {
  static final ObjectMapper MAPPER = JsonMappers.pretty();

  private Json() {}

  static String write(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n).replace("\r\n", "\n") + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static void expect(JsonNode o, String field, String value, String file) {
    if (!value.equals(o.path(field).asText(null))) {
      throw new SpecException(field, file + ": expected \"" + field + "\": \"" + value + "\", found " + o.path(field));
    }
  }

  static String text(JsonNode o, String field, String file) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw new SpecException(field, file + ": missing or not a string");
    }
    return v.asText();
  }
}
