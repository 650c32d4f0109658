package dev.spikeforge.golden.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The exact bytes each mapper writes, and what the strict reader refuses. */
@Tag("unit")
class JsonMappersTest {
  private static final Map<String, Object> UNSORTED = new LinkedHashMap<>();

  static {
    UNSORTED.put("b", 1.5);
    UNSORTED.put("a", new int[] {1, 2});
  }

  private static ObjectNode node() {
    ObjectNode o = JsonMappers.compact().createObjectNode();
    o.put("name", "x");
    o.put("ratio", 0.1);
    o.putArray("rows").add(1).add(-2);
    o.putObject("empty");
    return o;
  }

  @Test
  void compactWritesJacksonDefaults() throws JsonProcessingException {
    assertEquals("{\"name\":\"x\",\"ratio\":0.1,\"rows\":[1,-2],\"empty\":{}}",
        JsonMappers.compact().writeValueAsString(node()));
    assertEquals("{\"b\":1.5,\"a\":[1,2]}", JsonMappers.compact().writeValueAsString(UNSORTED));
  }

  @Test
  void prettyIndentsWithTheDefaultPrettyPrinter() throws JsonProcessingException {
    String nl = System.lineSeparator();
    assertEquals("{" + nl + "  \"name\" : \"x\"," + nl + "  \"ratio\" : 0.1," + nl + "  \"rows\" : [ 1, -2 ],"
        + nl + "  \"empty\" : { }" + nl + "}", JsonMappers.pretty().writeValueAsString(node()));
  }

  @Test
  void sortedKeysOrdersMapEntries() throws JsonProcessingException {
    assertEquals("{\"a\":[1,2],\"b\":1.5}", JsonMappers.sortedKeys().writeValueAsString(UNSORTED));
    String nl = System.lineSeparator();
    assertEquals("{" + nl + "  \"a\" : [ 1, 2 ]," + nl + "  \"b\" : 1.5" + nl + "}",
        JsonMappers.prettySortedKeys().writeValueAsString(UNSORTED));
  }

  @Test
  void strictRefusesDuplicateKeysAndTrailingTokens() throws JsonProcessingException {
    assertEquals(1, JsonMappers.strict().readTree("{\"a\": 1}").get("a").asInt());
    assertThrows(JsonParseException.class, () -> JsonMappers.strict().readTree("{\"a\": 1, \"a\": 2}"));
    assertThrows(MismatchedInputException.class, () -> JsonMappers.strict().readTree("{\"a\": 1} {}"));
    assertEquals(2, JsonMappers.compact().readTree("{\"a\": 1, \"a\": 2}").get("a").asInt());
  }

  @Test
  void everyCallReturnsItsOwnMapper() throws JsonProcessingException {
    assertNotSame(JsonMappers.compact(), JsonMappers.compact());
    JsonMappers.compact().enable(SerializationFeature.INDENT_OUTPUT);
    assertEquals("{\"b\":1.5,\"a\":[1,2]}", JsonMappers.compact().writeValueAsString(UNSORTED));
  }
}
