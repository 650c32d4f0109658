package dev.spikeforge.golden.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.SpecException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzing found that the float-model reader skipped checks the integer reader makes: negative,
 * short, ragged or wrong-row-count delay and recurrent arrays were accepted and then crashed
 * {@code evaluate} with an ArrayIndexOutOfBoundsException (105 cases), delays above maxDelay were
 * accepted silently, a float32 weight of 1e39 was read as infinity, and a network name with a quote
 * was written back unescaped. Both formats now share one validation ({@code SynapseChecks}).
 */
@Tag("unit")
class FloatModelValidationTest {
  static final String VALID = """
      {
        "format": "spikeforge.float-network", "schemaVersion": 1, "name": "tiny", "inputSize": 2, "timesteps": 5,
        "weightType": "float32", "readout": {"mode": "SPIKE_COUNT", "decisionCount": 1},
        "layers": [
          {"name": "h", "kind": "DENSE", "inputSize": 2, "size": 2, "threshold": 1.0, "leak": 0.75,
           "reset": "SUBTRACT", "maxDelay": 2, "weights": [[0.5, -0.25], [1.0, 2.0]],
           "axonalDelays": [0, 2], "synapticDelays": [[0, 0], [1, 0]],
           "recurrentWeights": [[0.5, 0.5], [0.5, 0.5]], "recurrentDelays": [[1, 2], [2, 1]]},
          {"name": "o", "kind": "DENSE", "inputSize": 2, "size": 1, "threshold": 1.0, "leak": 1.0,
           "reset": "ZERO", "weights": [[1.5, -1.5]]}
        ]
      }
      """;

  static Stream<Arguments> damaged() {
    return Stream.of(
        Arguments.of("\"axonalDelays\": [0, 2]", "\"axonalDelays\": [0, -1]", "layers[0].axonalDelays[1]"),
        Arguments.of("\"axonalDelays\": [0, 2]", "\"axonalDelays\": [0]", "layers[0].axonalDelays"),
        Arguments.of("\"axonalDelays\": [0, 2]", "\"axonalDelays\": [0, 3]", "layers[0].axonalDelays[1]"),
        Arguments.of("\"synapticDelays\": [[0, 0], [1, 0]]", "\"synapticDelays\": [[0, 0], [1]]",
            "layers[0].synapticDelays[1]"),
        Arguments.of("\"synapticDelays\": [[0, 0], [1, 0]]", "\"synapticDelays\": [[0, 0]]", "layers[0].synapticDelays"),
        Arguments.of("\"synapticDelays\": [[0, 0], [1, 0]]", "\"synapticDelays\": [[0, 1], [1, 0]]",
            "layers[0].synapticDelays[0][1]"),
        Arguments.of("\"recurrentWeights\": [[0.5, 0.5], [0.5, 0.5]]", "\"recurrentWeights\": [[0.5, 0.5]]",
            "layers[0].recurrentWeights"),
        Arguments.of("\"recurrentWeights\": [[0.5, 0.5], [0.5, 0.5]]", "\"recurrentWeights\": [[0.5, 0.5], [0.5]]",
            "layers[0].recurrentWeights[1]"),
        Arguments.of("\"recurrentDelays\": [[1, 2], [2, 1]]", "\"recurrentDelays\": [[1, 2], [2, 0]]",
            "layers[0].recurrentDelays[1][1]"),
        Arguments.of("\"recurrentDelays\": [[1, 2], [2, 1]]", "\"recurrentDelays\": [[1, 2], [2, 3]]",
            "layers[0].recurrentDelays[1][1]"),
        Arguments.of("\"recurrentDelays\": [[1, 2], [2, 1]]", "\"recurrentDelays\": [[1, 2]]",
            "layers[0].recurrentDelays"),
        Arguments.of("\"weights\": [[0.5, -0.25], [1.0, 2.0]]", "\"weights\": [[0.5, -0.25], [1.0, 1e39]]",
            "layers[0].weights[1][1]"));
  }

  @Test
  void theUndamagedFileReads() {
    FloatNetwork n = FloatNetworkJson.parse(VALID);
    assertEquals(2, n.layers().get(0).delay(0, 1));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("damaged")
  void aDamagedArrayIsRefusedByNameNotACrash(String from, String to, String field) {
    String bad = VALID.replace(from, to);
    assertNotEquals(VALID, bad, "test setup: replacement did not apply");
    SpecException e = assertThrows(SpecException.class, () -> FloatNetworkJson.parse(bad));
    assertEquals(field, e.field(), e.getMessage());
  }

  @Test
  void recurrentDelaysWithoutRecurrentWeightsAreRefused() {
    String bad = VALID.replace("\"recurrentWeights\": [[0.5, 0.5], [0.5, 0.5]], ", "");
    SpecException e = assertThrows(SpecException.class, () -> FloatNetworkJson.parse(bad));
    assertEquals("layers[0].recurrentDelays", e.field(), e.getMessage());
  }

  @Test
  void everyAcceptedNameWritesBackAndReadsAgain() {
    String odd = "net \\\"q\\\" \\\\ \u00fc\\t"; // JSON text: net \"q\" \\ ü\t
    FloatNetwork n = FloatNetworkJson.parse(VALID.replace("\"name\": \"tiny\"", "\"name\": \"" + odd + "\""));
    String text = FloatNetworkJson.write(n);
    FloatNetwork back = FloatNetworkJson.parse(text);
    assertEquals(n.name(), back.name());
    assertTrue(n.name().contains("\"q\""), n.name());
    assertEquals(text, FloatNetworkJson.write(back));
  }

  /**
   * Fuzzing found trailing data gave a two-line message naming Jackson internals, and 1e2147483648
   * escaped as a raw NumberFormatException.
   */
  @Test
  void trailingDataIsOneLineWithItsPlace() {
    for (String tail : new String[] {" {}", " 5"}) {
      ModelFormatException e = assertThrows(ModelFormatException.class, () -> FloatNetworkJson.parse(VALID + tail));
      assertEquals("not valid JSON (line 13, column 2): data after the end of the document; a model file holds one"
          + " JSON object", e.getMessage());
    }
    ModelFormatException n = assertThrows(ModelFormatException.class,
        () -> FloatNetworkJson.parse(VALID.replace("0.5, -0.25", "1e2147483648, -0.25")));
    assertEquals("not valid JSON: the number 1e2147483648 is out of range (its exponent does not fit)", n.getMessage());
  }
}
