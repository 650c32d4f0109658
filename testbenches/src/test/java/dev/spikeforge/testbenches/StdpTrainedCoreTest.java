package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * STDP, end to end: a tiny recurrent network (6-12-3, heterogeneous windows; recurrent delays 1, or
 * drawn from 1..3) learns by unsupervised STDP in the integer form through the registry and the one
 * Trainer, gets its readout on the spike counts, is compiled unchanged, and the generated core is
 * bit-exact with the golden model in Verilator on every test sample (spikes and membranes of every
 * step, and the decision).
 */
@Tag("sim")
class StdpTrainedCoreTest {
  private static final Path WORK = Path.of("target", "sim", "StdpTrainedCoreTest");

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilator();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void trainedIntegerNetworkIsBitExactInVerilator(int maxDelay) throws Exception {
    Map<String, Object> o = Map.of("--lr-log2", new int[] {-4, -4}, "--heterogeneous", true, "--threshold-shift", 4,
        "--max-delay", maxDelay);
    TrainedCoreFixture.Trained t = TrainedCoreFixture.train("stdp", "int", 6, 12, 1, o);
    NetworkSpec net = t.intNetwork();
    assertNotEquals(NetworkJson.contentHash(t.untrainedInt()), NetworkJson.contentHash(net), "training changed nothing");
    assertTrue(net.layers().get(0).isRecurrent());
    assertEquals(maxDelay > 1, net.layers().get(0).recurrentDelays() != null);
    TrainedCoreFixture.assertRecurrentWeightsLearned(net);
    TrainedCoreFixture.assertBitExactInVerilator(net, WORK.resolve("delay" + maxDelay));
  }

  /**
   * With homeostasis (lateral inhibition, rate homeostasis, synaptic scaling: all in the weights), the
   * trained network is still an ordinary network: compiled unchanged, bit-exact in Verilator.
   */
  @Test
  void homeostaticNetworkIsBitExactInVerilator() throws Exception {
    int maxDelay = 3; // one network (delays drawn from 1..3) keeps the sim tier's cost to one more Verilator build
    Map<String, Object> o = Map.of("--lr-log2", new int[] {-4, -4}, "--heterogeneous", true, "--threshold-shift", 4,
        "--max-delay", maxDelay, "--inhibition", 4, "--target-rate", 3, "--homeostasis-log2", -3,
        "--synaptic-scaling", true);
    TrainedCoreFixture.Trained t = TrainedCoreFixture.train("stdp", "int", 6, 12, 1, o);
    NetworkSpec net = t.intNetwork();
    assertNotEquals(NetworkJson.contentHash(t.untrainedInt()), NetworkJson.contentHash(net), "training changed nothing");
    int[][] rec = net.layers().get(0).recurrentWeights();
    assertTrue(java.util.Arrays.stream(rec).flatMapToInt(java.util.Arrays::stream).anyMatch(w -> w < 0),
        "no inhibitory recurrent weight");
    TrainedCoreFixture.assertBitExactInVerilator(net, WORK.resolve("homeostasis-delay" + maxDelay));
  }
}
