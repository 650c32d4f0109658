package dev.spikeforge.golden.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.SpecException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing found that a file with 200,000 layers hung the reader for minutes at 5 GB (a pairwise
 * duplicate-name check in {@code NetworkSpec}). The check is now linear and the layer count is
 * capped at {@link NetworkSpec#MAX_LAYERS} before any layer is read, in both model formats.
 */
@Tag("unit")
class LayerCountTest {
  private static final String LAYER = """
      {"name": "L%d", "kind": "DENSE", "inputSize": 1, "size": 1, "weightWidth": 2,
       "neuron": {"membraneWidth": 4, "threshold": 1, "leakShift": 0, "reset": "ZERO"}, "weights": [[1]]}""";

  static String network(int layers, boolean duplicateLast) {
    StringBuilder sb = new StringBuilder("""
        {"format": "spikeforge.network", "schemaVersion": 1, "numericsVersion": 1, "name": "deep",
         "inputSize": 1, "timesteps": 2, "readout": {"mode": "SPIKE_COUNT", "decisionCount": 1}, "layers": [""");
    for (int l = 0; l < layers; l++) {
      sb.append(l == 0 ? "" : ",").append(String.format(LAYER, duplicateLast && l == layers - 1 ? 0 : l));
    }
    return sb.append("]}").toString();
  }

  @Test
  void theMostLayersAreReadAndTheirNamesCheckedLinearly() {
    assertEquals(NetworkSpec.MAX_LAYERS, NetworkJson.parse(network(NetworkSpec.MAX_LAYERS, false)).layers().size());
  }

  @Test
  void oneLayerMoreIsRefusedBeforeItsLayersAreRead() {
    SpecException e = assertThrows(SpecException.class,
        () -> NetworkJson.parse(network(NetworkSpec.MAX_LAYERS + 1, false)));
    assertEquals("layers", e.field());
    assertTrue(e.getMessage().contains("1025 layers; at most 1024"), e.getMessage());
  }

  @Test
  void theFloatFormatHasTheSameCap() {
    String json = network(NetworkSpec.MAX_LAYERS + 1, false).replace("spikeforge.network", "spikeforge.float-network")
        .replace("\"numericsVersion\": 1", "\"weightType\": \"float64\"");
    SpecException e = assertThrows(SpecException.class, () -> FloatNetworkJson.parse(json));
    assertTrue(e.getMessage().contains("1025 layers; at most 1024"), e.getMessage());
  }

  @Test
  void aDuplicateNameNamesBothLayers() {
    SpecException e = assertThrows(SpecException.class, () -> NetworkJson.parse(network(5, true)));
    assertEquals("layers[4].name", e.field());
    assertTrue(e.getMessage().contains("'L0' is used twice (also layers[0].name)"), e.getMessage());
  }
}
