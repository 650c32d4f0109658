package dev.spikeforge.golden.train.ottt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.learning.ottt.OtttIntParams;
import dev.spikeforge.golden.sim.FloatSimulator;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.sim.Trace;
import dev.spikeforge.golden.sim.TraceStep;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.RandomRasters;
import dev.spikeforge.golden.train.SampleOutcome;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The integer trainer's forward pass is {@code IntSimulator}'s on the exported network: with a
 * learning rate so small that every weight step rounds to 0 (R = 34), each sample's outcome —
 * prediction, correctness and the squared spike error of every output at every step — equals the
 * one computed from the simulator's trace, on random weights (recurrent ones included) and random
 * input rasters; the weights stay unchanged. The float trainer's forward pass is {@code
 * FloatSimulator}'s on its exported network (at the rate 2^−40 its weights move by less than 2^−30
 * per sample).
 */
@Tag("unit")
class OtttForwardEquivalenceTest {
  @ParameterizedTest
  @CsvSource({"'5,7,3', false", "'5,7,3', true", "'6,8,5,4', true", "'4,3', false"})
  void trainerForwardPassIsTheSimulators(String arch, boolean recurrent) {
    int[] sizes = Arrays.stream(arch.split(",")).mapToInt(Integer::parseInt).toArray();
    OtttIntParams p = new OtttIntParams(5, 12, 10, 6, 16, new int[sizes.length - 1], 0)
        .withThresholdShifts(IntStream.range(0, sizes.length - 1).map(l -> 2 + l % 2).toArray());
    OtttConfig cfg = new OtttConfig(sizes, 12, 1 + sizes.length % 3, recurrent, new int[sizes.length - 1], 3, p)
        .withLrLog2(-40);
    OtttEngine e = new OtttEngine(cfg);
    SplittableRandom rnd = new SplittableRandom(sizes.length * 31L + (recurrent ? 1 : 0));
    int words = e.state().length / 4;
    ByteBuffer b = ByteBuffer.allocate(4 * words);
    for (int n = 0; n < words; n++) {
      b.putInt(rnd.nextInt(-6, 16) << 12); // forward weights in -6..15 (5 bits), mostly excitatory
    }
    e.restore(b.array());
    byte[] start = e.state();
    NetworkSpec net = e.intNetwork();
    assertEquals(recurrent, net.layers().get(0).isRecurrent());
    IntSimulator sim = new IntSimulator(net);
    int classes = sizes[sizes.length - 1];
    int outputSpikes = 0;
    for (int s = 0; s < 40; s++) {
      SpikeRaster x = RandomRasters.dense(rnd, cfg.timesteps(), sizes[0]);
      int label = rnd.nextInt(classes);
      SampleOutcome got = e.train(x, label, 0, s);
      Trace t = sim.runTraced(x, "h");
      long squared = 0;
      for (TraceStep st : t.steps()) {
        boolean[] fired = new boolean[classes];
        for (int k : st.spikes()[sizes.length - 2]) {
          fired[k] = true;
          outputSpikes++;
        }
        for (int k = 0; k < classes; k++) {
          squared += fired[k] != (k == label) ? 1 : 0;
        }
      }
      assertEquals(t.result().prediction(), got.prediction(), "sample " + s);
      assertEquals(t.result().correct(label), got.correct(), "sample " + s);
      assertEquals(squared / (double) (cfg.timesteps() * classes), got.loss(), "sample " + s);
    }
    assertTrue(outputSpikes > 40, "the networks must be active: " + outputSpikes + " output spikes");
    assertArrayEquals(start, e.state());
  }

  @ParameterizedTest
  @CsvSource({"'5,7,3', false", "'5,7,3', true", "'6,8,5,4', true"})
  void floatTrainerForwardPassIsTheFloatSimulators(String arch, boolean recurrent) {
    int[] sizes = Arrays.stream(arch.split(",")).mapToInt(Integer::parseInt).toArray();
    OtttConfig cfg = new OtttConfig(sizes, 12, 2, recurrent, new int[sizes.length - 1], 3, null).withLrLog2(-40);
    OtttEngine e = new OtttEngine(cfg);
    SplittableRandom rnd = new SplittableRandom(sizes.length * 17L + (recurrent ? 1 : 0));
    int words = e.state().length / 8;
    ByteBuffer b = ByteBuffer.allocate(8 * words);
    for (int n = 0; n < words; n++) {
      b.putDouble(rnd.nextDouble(-0.3, 0.8));
    }
    e.restore(b.array());
    int classes = sizes[sizes.length - 1];
    int outputSpikes = 0;
    for (int s = 0; s < 40; s++) {
      FloatSimulator sim = new FloatSimulator(e.floatNetwork());
      SpikeRaster x = RandomRasters.dense(rnd, cfg.timesteps(), sizes[0]);
      int label = rnd.nextInt(classes);
      SpikeRaster out = sim.runRasters(x)[sizes.length - 2];
      var expected = sim.run(x);
      SampleOutcome got = e.train(x, label, 0, s);
      long squared = 0;
      for (int t = 0; t < cfg.timesteps(); t++) {
        for (int k = 0; k < classes; k++) {
          squared += out.spiked(t, k) != (k == label) ? 1 : 0;
        }
        outputSpikes += out.at(t).length;
      }
      assertEquals(expected.prediction(), got.prediction(), "sample " + s);
      assertEquals(expected.correct(label), got.correct(), "sample " + s);
      assertEquals(squared / (double) (cfg.timesteps() * classes), got.loss(), "sample " + s);
    }
    assertTrue(outputSpikes > 40, "the networks must be active: " + outputSpikes + " output spikes");
  }
}
