package dev.spikeforge.golden.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("unit")
@net.jqwik.api.Tag("unit")
class NetworkJsonTest {
  static final String VALID = """
      {
        "format": "spikeforge.network", "schemaVersion": 1, "numericsVersion": 1,
        "name": "tiny", "inputSize": 2, "timesteps": 5,
        "readout": {"mode": "SPIKE_COUNT", "decisionCount": 1},
        "layers": [
          {"name": "h", "kind": "DENSE", "inputSize": 2, "size": 2, "weightWidth": 4,
           "neuron": {"membraneWidth": 8, "threshold": 10, "leakShift": 1, "reset": "SUBTRACT"},
           "maxDelay": 2, "weights": [[1, -2], [7, -8]], "axonalDelays": [0, 2]},
          {"name": "o", "kind": "BINARIZED", "inputSize": 2, "size": 1, "weightWidth": 1,
           "neuron": {"membraneWidth": 4, "threshold": 1, "leakShift": 0, "reset": "ZERO"},
           "weights": [[1, -1]], "recurrentWeights": [[-1]]}
        ]
      }
      """;

  @Test
  void parsesAValidFile() {
    NetworkSpec n = NetworkJson.parse(VALID);
    assertEquals("tiny", n.name());
    assertEquals(-8, n.layers().get(0).weight(1, 1));
    assertEquals(2, n.layers().get(0).delay(0, 1));
    assertTrue(n.layers().get(1).isRecurrent());
  }

  @Property(tries = 60)
  void roundTripIsIdentityAndCanonical(@ForAll @IntRange(min = 0, max = 4) int maxDelay, @ForAll boolean recurrent,
      @ForAll boolean binarized, @ForAll boolean ftf, @ForAll long seed) {
    NetworkSpec n = RandomNetworks.generate(new RandomNetworks.Options(new int[] {5, 4, 3}, 8, 6, 10, maxDelay,
        maxDelay > 0, maxDelay > 1, recurrent, binarized,
        ftf ? ReadoutSpec.firstToFire(3) : ReadoutSpec.spikeCount(), 0.1), seed);
    String text = NetworkJson.write(n);
    NetworkSpec back = NetworkJson.parse(text);
    assertEquals(n, back);
    assertEquals(text, NetworkJson.write(back));
    assertEquals(NetworkJson.contentHash(n), NetworkJson.contentHash(back));
  }

  @Test
  void hashChangesWithAnyWeight() {
    NetworkSpec a = NetworkJson.parse(VALID);
    NetworkSpec b = NetworkJson.parse(VALID.replace("[[1, -2]", "[[1, -1]"));
    assertNotEquals(NetworkJson.contentHash(a), NetworkJson.contentHash(b));
  }

  static Stream<Arguments> invalidFields() {
    return Stream.of(
        Arguments.of("\"schemaVersion\": 1", "\"schemaVersion\": 2", "schemaVersion"),
        Arguments.of("\"numericsVersion\": 1", "\"numericsVersion\": 9", "numericsVersion"),
        Arguments.of("\"format\": \"spikeforge.network\"", "\"format\": \"x\"", "format"),
        Arguments.of("\"timesteps\": 5", "\"timesteps\": 0", "timesteps"),
        Arguments.of("\"timesteps\": 5", "\"timesteps\": \"5\"", "timesteps"),
        Arguments.of("\"inputSize\": 2, \"timesteps\"", "\"inputSize\": 3, \"timesteps\"", "layers[0].inputSize"),
        Arguments.of("\"mode\": \"SPIKE_COUNT\"", "\"mode\": \"VOTE\"", "readout.mode"),
        Arguments.of("\"weightWidth\": 4", "\"weightWidth\": 17", "layers[0].weightWidth"),
        Arguments.of("[7, -8]", "[7, -9]", "layers[0].weights[1][1]"),
        Arguments.of("[7, -8]", "[7]", "layers[0].weights[1]"),
        Arguments.of("\"threshold\": 10", "\"threshold\": 128", "layers[0].neuron.threshold"),
        Arguments.of("\"threshold\": 10", "\"threshold\": 0", "layers[0].neuron.threshold"),
        Arguments.of("\"leakShift\": 1", "\"leakShift\": 8", "layers[0].neuron.leakShift"),
        Arguments.of("\"reset\": \"SUBTRACT\"", "\"reset\": \"HALF\"", "layers[0].neuron.reset"),
        Arguments.of("\"membraneWidth\": 8", "\"membraneWidth\": 33", "layers[0].neuron.membraneWidth"),
        Arguments.of("\"axonalDelays\": [0, 2]", "\"axonalDelays\": [0, 3]", "layers[0].axonalDelays[1]"),
        Arguments.of("\"maxDelay\": 2", "\"maxDelay\": 256", "layers[0].maxDelay"),
        Arguments.of("[[1, -1]]", "[[1, 0]]", "layers[1].weights[0][1]"),
        Arguments.of("\"kind\": \"BINARIZED\"", "\"kind\": \"TERNARY\"", "layers[1].kind"),
        Arguments.of("\"name\": \"h\"", "\"name\": \"o\"", "layers[1].name"),
        Arguments.of("\"name\": \"tiny\"", "\"name\": \"has space\"", "name"),
        Arguments.of("\"recurrentWeights\": [[-1]]", "\"recurrentWeights\": [[-1]], \"recurrentDelays\": [[0]]",
            "layers[1].recurrentDelays[0][0]"),
        Arguments.of("\"maxDelay\": 2,", "\"maxDelay\": 2, \"bias\": [0, 0],", "layers[0].bias"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("invalidFields")
  void everyInvalidFieldIsRejectedByName(String from, String to, String field) {
    String bad = VALID.replace(from, to);
    assertNotEquals(VALID, bad, "test setup: replacement did not apply");
    SpecException e = assertThrows(SpecException.class, () -> NetworkJson.parse(bad));
    assertEquals(field, e.field(), e.getMessage());
  }

  @Test
  void malformedJsonSaysWhere() {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> NetworkJson.parse("{\"format\": "));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    assertThrows(ModelFormatException.class, () -> NetworkJson.parse(""));
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> NetworkJson.read(dir.resolve("no.json")));
    assertTrue(e.getMessage().contains("no.json"), e.getMessage());
  }

  @Test
  void writeIsAtomicAndReadable(@TempDir Path dir) throws Exception {
    NetworkSpec n = NetworkJson.parse(VALID);
    Path f = dir.resolve("m.json");
    NetworkJson.write(n, f);
    assertEquals(n, NetworkJson.read(f));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(1, s.count(), "no temporary files left behind");
    }
  }
}
