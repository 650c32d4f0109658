package dev.spikeforge.golden.train.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternParams;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.TraceStep;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.Trainer;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The integer STDP layer, not learning, is {@code IntSimulator}'s hidden layer bit for bit (with
 * recurrent delays up to D): after a short heterogeneous run, the hidden spike counts of every test
 * sample agree with the golden model's trace of the network the engine hands on — also with per-neuron leak
 * shifts (heterogeneous membrane time constants, drawn from 1..4).
 */
@Tag("unit")
class StdpForwardEquivalenceTest {
  @ParameterizedTest
  @CsvSource({"1, false", "4, false", "1, true", "4, true"})
  void frozenIntegerLayerIsTheGoldenModel(int maxDelay, boolean ownLeaks) throws Exception {
    DelayPatternTask task = new DelayPatternTask(new DelayPatternParams(3, 6, 24, 5, 0, 1, 7));
    Dataset train = task.trainSet(40);
    Dataset test = task.testSet(20);
    StdpConfig c = StdpConfig.intForm(new int[] {6, 12, 3}, 3).withTimesteps(24).withThresholdShift(4)
        .withWindows(StdpWindows.heterogeneous(1, 4)).withMaxDelay(maxDelay).withLrLog2(-4, -4);
    if (ownLeaks) {
      c = c.withLeakShifts(1, 4);
    }
    try (StdpEngine e = new StdpEngine(c)) {
      Trainer.run(e, train, test, new RateEncoder(), TrainOptions.of(1, 1), TrainListener.NONE);
      NetworkSpec net = e.intNetwork();
      assertEquals(maxDelay > 1, net.layers().get(0).recurrentDelays() != null);
      assertEquals(ownLeaks, net.layers().get(0).hasNeuronLeaks());
      IntSimulator sim = new IntSimulator(net);
      long recurrent = Arrays.stream(net.layers().get(0).recurrentWeights()).flatMapToInt(Arrays::stream)
          .filter(w -> w != 0).count();
      assertTrue(recurrent > 0, "the recurrent weights learned nothing");
      long spikes = 0;
      for (int s = 0; s < test.size(); s++) {
        int[] golden = new int[12];
        for (TraceStep st : sim.runTraced(test.raster(s), "").steps()) {
          for (int j : st.spikes()[0]) {
            golden[j]++;
          }
        }
        assertArrayEquals(golden, e.hiddenCounts(test.raster(s)), "sample " + s);
        spikes += Arrays.stream(golden).sum();
      }
      assertTrue(spikes > 0, "the hidden layer never fired: the comparison would prove nothing");
    }
  }
}
