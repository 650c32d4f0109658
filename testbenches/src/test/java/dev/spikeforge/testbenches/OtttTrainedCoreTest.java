package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Online training through time, end to end: a tiny network (6-12-3, feedforward and recurrent) is
 * trained in the integer form through the registry and the one Trainer, compiled unchanged, and the
 * generated core is bit-exact with the golden model in Verilator on every test sample (spikes and
 * membranes of every step, and the decision).
 */
@Tag("sim")
class OtttTrainedCoreTest {
  private static final Path WORK = Path.of("target", "sim", "OtttTrainedCoreTest");

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilator();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void trainedIntegerNetworkIsBitExactInVerilator(boolean recurrent) throws Exception {
    Map<String, Object> o = new HashMap<>(Map.of("--lr-log2", new int[] {-8}));
    if (recurrent) {
      o.put("--recurrent", true);
    }
    TrainedCoreFixture.Trained t = TrainedCoreFixture.train("ottt", "int", 6, 12, 1, o);
    NetworkSpec net = t.intNetwork();
    assertNotEquals(NetworkJson.contentHash(t.untrainedInt()), NetworkJson.contentHash(net), "training changed nothing");
    assertEquals(recurrent, net.layers().get(0).isRecurrent());
    if (recurrent) {
      TrainedCoreFixture.assertRecurrentWeightsLearned(net);
    }
    TrainedCoreFixture.assertBitExactInVerilator(net, WORK.resolve(recurrent ? "recurrent" : "feedforward"));
  }
}
