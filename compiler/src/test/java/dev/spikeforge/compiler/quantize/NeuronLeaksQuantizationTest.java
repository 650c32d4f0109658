package dev.spikeforge.compiler.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.SpecException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Per-neuron leaks through the quantizer: each neuron's decay rounds to its own shift, the automatic membrane width
 * follows the slowest leak, the report names the worst neuron's leak error, and a float layer whose decays all
 * round to one shift becomes a layer with that one shift; {@code compile} refuses per-neuron shifts with one error.
 */
@Tag("unit")
class NeuronLeaksQuantizationTest {
  private static FloatNetwork network(double[] leaks) {
    FloatLayer l = new FloatLayer("h", LayerKind.DENSE, 2, leaks.length, 1.0, leaks[0], ResetMode.SUBTRACT,
        new double[][] {{0.5, -0.25}, {0.25, 0.5}, {-0.5, 0.75}}, 0, null, null, null, null, leaks);
    return new FloatNetwork("n", 2, 8, List.of(l), ReadoutSpec.spikeCount());
  }

  @Test
  void eachNeuronsDecayRoundsToItsOwnShift() {
    FloatNetwork f = network(new double[] {0.5, 0.875, 0.75});
    QuantizationConfig c = QuantizationConfig.of(8);
    NetworkSpec q = Quantizer.quantize(f, c);
    LayerSpec l = q.layers().get(0);
    assertArrayEquals(new int[] {1, 3, 2}, l.leakShifts());
    assertEquals(1, l.neuron().leakShift(), "the layer's own shift is the smallest");
    // exact decays: no leak error
    assertEquals(0.0, QuantizationReport.analyze(f, q, c).layers().get(0).leakError());

    // 0.86 rounds to k = 3 (0.875): the worst neuron's error is reported, not the layer's nominal one (exact)
    FloatNetwork g = network(new double[] {0.5, 0.86, 0.75});
    NetworkSpec qg = Quantizer.quantize(g, c);
    assertEquals(0.875 - 0.86, QuantizationReport.analyze(g, qg, c).layers().get(0).leakError(), 1e-12);
  }

  @Test
  void decaysThatRoundToOneShiftGiveALayerWithThatShift() {
    NetworkSpec q = Quantizer.quantize(network(new double[] {0.87, 0.88, 0.874}), QuantizationConfig.of(8));
    LayerSpec l = q.layers().get(0);
    assertFalse(l.hasNeuronLeaks());
    assertEquals(3, l.neuron().leakShift());
  }

  @Test
  void compileRefusesPerNeuronShiftsWithOneError() {
    NetworkSpec q = Quantizer.quantize(network(new double[] {0.5, 0.875, 0.75}), QuantizationConfig.of(8));
    SpecException e = assertThrows(SpecException.class,
        () -> Compiler.contents(q, new CompileConfig(MappingOptions.lanes(1), "generic", 1, 1)));
    assertEquals("layers[0].leakShifts", e.field());
    assertTrue(e.getMessage().contains("the generated core supports one leak shift per layer"), e.getMessage());
  }
}
