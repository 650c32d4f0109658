package dev.spikeforge.golden.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.numerics.NumericsContract;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-neuron leak shifts (heterogeneous membrane time constants, {@code LayerSpec.leakShifts}): the
 * integer and float simulators leak each neuron by its own shift, worked out by hand; the field's
 * checks, its canonical form and its JSON round trip.
 */
@org.junit.jupiter.api.Tag("unit")
class NeuronLeaksTest {
  private static final NeuronSpec NEURON = new NeuronSpec(16, 100, 1, ResetMode.SUBTRACT);

  private static LayerSpec layer(int[] leakShifts) {
    return new LayerSpec("h", LayerKind.DENSE, 1, 2, 8, NEURON, new int[][] {{40}, {40}}, 0, null, null, null, null,
        leakShifts);
  }

  private static NetworkSpec network(int[] leakShifts) {
    return new NetworkSpec("n", NumericsContract.VERSION, 1, 4, List.of(layer(leakShifts)), ReadoutSpec.spikeCount());
  }

  /** The input spikes at steps 0, 1, 2 of 4. */
  private static final SpikeRaster INPUT = SpikeRaster.of(1, new int[][] {{0}, {0}, {0}, {}});

  /**
   * By hand, weight 40, threshold 100, reset by subtraction. Neuron 0, k = 1: 40; 40 − 20 + 40 = 60; 60 − 30 + 40 =
   * 70; 70 − 35 = 35: never fires. Neuron 1, k = 3: 40; 40 − 5 + 40 = 75; 75 − 9 + 40 = 106 ≥ 100 fires, 6; 6 − 0 = 6.
   */
  @Test
  void eachNeuronLeaksByItsOwnShift() {
    Trace tr = new IntSimulator(network(new int[] {1, 3})).runTraced(INPUT, "");
    int[][] expected = {{40, 40}, {60, 75}, {70, 6}, {35, 6}};
    for (int t = 0; t < 4; t++) {
      assertArrayEquals(expected[t], tr.steps().get(t).membranes()[0], "step " + t);
      assertArrayEquals(t == 2 ? new int[] {1} : new int[0], tr.steps().get(t).spikes()[0], "step " + t);
    }
    // the same layer with the one shift of neuron 0 for both: neuron 1 never fires either
    Trace uniform = new IntSimulator(network(null)).runTraced(INPUT, "");
    assertArrayEquals(new int[] {70, 70}, uniform.steps().get(2).membranes()[0]);
  }

  /** The float twin: λ_j = 1 − 2^−k_j, no rounding: neuron 1 reaches 105.625 at step 2 and fires. */
  @Test
  void floatLayerOfPerNeuronLeaksDecaysEachNeuronByItsOwnFactor() {
    FloatNetwork f = FloatNetwork.of(network(new int[] {1, 3}));
    FloatLayer l = f.layers().get(0);
    assertTrue(l.hasNeuronLeaks());
    assertEquals(0.5, l.leak(0));
    assertEquals(0.875, l.leak(1));
    SimResult r = new FloatSimulator(f).run(INPUT);
    assertArrayEquals(new int[] {0, 1}, r.outputCounts());
    SimResult ri = new IntSimulator(network(new int[] {1, 3})).run(INPUT);
    assertArrayEquals(r.outputCounts(), ri.outputCounts());
  }

  @Test
  void leakShiftsAreCheckedAndStoredInOneCanonicalForm() {
    SpecException len = assertThrows(SpecException.class, () -> layer(new int[] {1, 2, 3}));
    assertEquals("leakShifts", len.field());
    SpecException range = assertThrows(SpecException.class, () -> layer(new int[] {1, 16}));
    assertEquals("leakShifts[1]", range.field());
    // every neuron at the layer's own shift: the same layer as without the field
    LayerSpec same = layer(new int[] {1, 1});
    assertFalse(same.hasNeuronLeaks());
    assertNull(same.leakShifts());
    assertEquals(layer(null), same);
    assertEquals(NetworkJson.contentHash(network(null)), NetworkJson.contentHash(network(new int[] {1, 1})));
    // equal shifts other than the layer's: the layer with that one shift (not per-neuron leaks)
    LayerSpec equal = layer(new int[] {3, 3});
    assertFalse(equal.hasNeuronLeaks());
    assertEquals(3, equal.neuron().leakShift());
    // with different shifts the layer's own is the smallest, whatever it was given as
    assertEquals(2, new LayerSpec("h", LayerKind.DENSE, 1, 2, 8, NEURON, new int[][] {{40}, {40}}, 0, null, null, null,
        null, new int[] {4, 2}).neuron().leakShift());
    assertEquals(layer(new int[] {1, 3}), new LayerSpec("h", LayerKind.DENSE, 1, 2, 8,
        new NeuronSpec(16, 100, 5, ResetMode.SUBTRACT), new int[][] {{40}, {40}}, 0, null, null, null, null,
        new int[] {1, 3}));
    FloatLayer fe = FloatLayer.of(layer(new int[] {1, 3}));
    assertEquals(0.5, fe.leak());
    FloatLayer eq = new FloatLayer("f", LayerKind.DENSE, 1, 2, 1.0, 0.5, ResetMode.SUBTRACT, new double[][] {{1}, {1}},
        0, null, null, null, null, new double[] {0.75, 0.75});
    assertFalse(eq.hasNeuronLeaks());
    assertEquals(0.75, eq.leak());
    LayerSpec own = layer(new int[] {1, 3});
    assertEquals(3, own.leakShift(1));
    assertEquals(3, own.neuronOf(1).leakShift());
    SpecException one = assertThrows(SpecException.class, () -> own.uniformLeakShift("the generated core"));
    assertEquals("leakShifts", one.field());
    assertTrue(one.getMessage().contains("the generated core supports one leak shift per layer"), one.getMessage());
  }

  @Test
  void jsonRoundTripsPerNeuronLeaks(@TempDir Path dir) throws Exception {
    NetworkSpec net = network(new int[] {1, 3});
    String text = NetworkJson.write(net);
    assertTrue(text.contains("\"leakShifts\": [1, 3]") || text.contains("\"leakShifts\": [1,3]"), text);
    assertFalse(NetworkJson.write(network(null)).contains("leakShifts"));
    Path p = dir.resolve("model.json");
    Files.writeString(p, text);
    assertEquals(net, NetworkJson.read(p));

    FloatNetwork f = FloatNetwork.of(net);
    Path fp = dir.resolve("float-model.json");
    FloatNetworkJson.write(f, fp);
    FloatLayer back = FloatNetworkJson.read(fp).layers().get(0);
    assertArrayEquals(new double[] {0.5, 0.875}, back.leaks());
    assertFalse(FloatNetworkJson.write(FloatNetwork.of(network(null))).contains("leaks"));
  }
}
