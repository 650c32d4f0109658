package dev.spikeforge.golden.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.numerics.NumericsContract;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.SpecException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Regression (fuzzing found it): a fan-in of 65,536 with 16-bit weights fits a 32-bit synaptic sum
 * exactly (docs/numerics.md §1) but the load check refused it, and when recurrent synapses tipped
 * the sum over the bound, the message named only the feed-forward fan-in.
 */
@Tag("unit")
class FanInBoundTest {
  private static final int FAN_IN = LayerSpec.MAX_NEURONS;

  /** Every input spikes once at step 0 into one neuron whose 16-bit weights all equal w. */
  private static long membraneAfterOneStep(int w) {
    int[][] weights = {new int[FAN_IN]};
    Arrays.fill(weights[0], w);
    LayerSpec l = new LayerSpec("wide", LayerKind.DENSE, FAN_IN, 1, 16,
        new NeuronSpec(32, Integer.MAX_VALUE, 0, ResetMode.ZERO), weights, 0, null, null, null, null);
    NetworkSpec net = new NetworkSpec("n", NumericsContract.VERSION, FAN_IN, 1, List.of(l), ReadoutSpec.spikeCount());
    int[] all = IntStream.range(0, FAN_IN).toArray();
    Trace tr = new IntSimulator(net).runTraced(SpikeRaster.of(FAN_IN, new int[][] {all}), "");
    return tr.steps().get(0).membranes()[0][0];
  }

  @Test
  void fanIn65536With16BitWeightsIsAcceptedAndSummedExactly() {
    assertEquals(-(1L << 31), membraneAfterOneStep(-32768), "the most negative sum is exactly -2^31");
    assertEquals(65536L * 32767, membraneAfterOneStep(32767), "the most positive sum is 2^31 - 65536");
  }

  @Test
  void recurrentSynapsesThatTipTheSumAreNamed() {
    int inputs = FAN_IN - 1;
    int size = 2;
    SpecException e = assertThrows(SpecException.class, () -> new LayerSpec("rec", LayerKind.DENSE, inputs, size, 16,
        new NeuronSpec(32, 1000, 0, ResetMode.ZERO), new int[size][inputs], 1, null, null, new int[size][size], null));
    assertEquals("recurrentWeights", e.field());
    assertTrue(e.getMessage().contains("recurrent"), e.getMessage());
    assertTrue(e.getMessage().contains(String.valueOf(inputs)), e.getMessage());
  }

  @Test
  void theSameLayerWithoutRecurrenceFits() {
    int inputs = FAN_IN - 1;
    LayerSpec l = new LayerSpec("ff", LayerKind.DENSE, inputs, 2, 16,
        new NeuronSpec(32, 1000, 0, ResetMode.ZERO), new int[2][inputs], 1, null, null, null, null);
    assertEquals(inputs, l.inputSize());
  }
}
