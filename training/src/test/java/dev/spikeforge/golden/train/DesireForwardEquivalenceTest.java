package dev.spikeforge.golden.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.sim.FloatSimulator;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.sim.Trace;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Tag;

/**
 * The trainers' forward pass (without dropout) is the golden model's: the integer trainer's spikes
 * equal {@code IntSimulator} on the exported {@code NetworkSpec}, the float trainer's equal {@code
 * FloatSimulator} on the exported {@code FloatNetwork}, step by step and layer by layer, before and
 * after training, on 1 and 2 threads, for layer delays 0..3 (1 is the reference code's), with any
 * subset of the layers binarized (straight-through estimator: the exported BINARIZED layers).
 */
@Tag("unit")
@net.jqwik.api.Tag("unit")
class DesireForwardEquivalenceTest {
  @Property(tries = 12)
  void integerTrainerIsIntSimulator(@ForAll @IntRange(min = 4, max = 40) int hidden,
      @ForAll @IntRange(min = 1, max = 3) int depth, @ForAll @IntRange(min = 1, max = 2) int threads,
      @ForAll @IntRange(min = 3, max = 8) int weightBits, @ForAll @IntRange(min = 0, max = 3) int delay,
      @ForAll @IntRange(min = 0, max = 15) int binarizedMask, @ForAll long seed) {
    int[] sizes = sizes(depth, hidden);
    DesireParams p = DesireParams.fashionMnist().withLayerDelay(delay);
    DesireConfig cfg = DesireConfig.intForm(sizes, p, DesireIntParams.defaults(sizes, weightBits), seed)
        .withBinarized(layers(binarizedMask, sizes));
    Dataset data = SyntheticData.make("syn", 30, 24, 3, seed);
    try (DesireIntEngine e = new DesireIntEngine(cfg, threads)) {
      long spikes = 0;
      for (int round = 0; round < 2; round++) {
        IntSimulator sim = new IntSimulator(e.intNetwork());
        for (int s = 0; s < 10; s++) {
          SpikeRaster x = data.encode(s, new RateEncoder(), p.timesteps());
          SpikeRaster[] mine = e.forward(x);
          Trace t = sim.runTraced(x, "");
          spikes += mine[0].spikeCount();
          for (int step = 0; step < p.timesteps(); step++) {
            for (int l = 0; l < mine.length; l++) {
              assertEquals(java.util.Arrays.toString(t.steps().get(step).spikes()[l]),
                  java.util.Arrays.toString(mine[l].at(step)), "sample " + s + " step " + step + " layer " + l);
            }
          }
        }
        for (int s = 0; s < data.size(); s++) {
          e.train(data.encode(s, new RateEncoder(), p.timesteps()), data.label(s), 0, s);
        }
      }
      // Not every drawn network spikes (a 5-neuron layer of 3-bit binarized weights may stay silent for a
      // seed: that made this a flaky per-try assertion); the comparison must not be vacuous over the run.
      Statistics.label("first layer spikes").collect(spikes > 0);
      Statistics.label("first layer spikes").coverage(c -> c.check(true).percentage(pc -> pc >= 75.0));
    }
  }

  @Property(tries = 12)
  void floatTrainerIsFloatSimulator(@ForAll @IntRange(min = 4, max = 40) int hidden,
      @ForAll @IntRange(min = 1, max = 3) int depth, @ForAll @IntRange(min = 1, max = 2) int threads,
      @ForAll @IntRange(min = 0, max = 3) int delay, @ForAll @IntRange(min = 0, max = 15) int binarizedMask,
      @ForAll long seed) {
    int[] sizes = sizes(depth, hidden);
    DesireParams p = DesireParams.fashionMnist().withLearningRate(1e-3, 0).withLayerDelay(delay);
    Dataset data = SyntheticData.make("syn", 30, 24, 3, seed);
    DesireConfig cfg = DesireConfig.floatForm(sizes, p, seed).withBinarized(layers(binarizedMask, sizes));
    try (DesireFloatEngine e = new DesireFloatEngine(cfg, threads)) {
      long spikes = 0;
      for (int round = 0; round < 2; round++) {
        FloatSimulator sim = new FloatSimulator(e.floatNetwork());
        for (int s = 0; s < 10; s++) {
          SpikeRaster x = data.encode(s, new RateEncoder(), p.timesteps());
          SpikeRaster[] mine = e.forward(x);
          SpikeRaster[] ref = sim.runRasters(x);
          spikes += mine[0].spikeCount();
          for (int l = 0; l < mine.length; l++) {
            assertEquals(ref[l], mine[l], "sample " + s + " layer " + l);
          }
        }
        for (int s = 0; s < data.size(); s++) {
          e.train(data.encode(s, new RateEncoder(), p.timesteps()), data.label(s), 0, s);
        }
      }
      // Not every drawn network spikes (a 5-neuron layer of 3-bit binarized weights may stay silent for a
      // seed: that made this a flaky per-try assertion); the comparison must not be vacuous over the run.
      Statistics.label("first layer spikes").collect(spikes > 0);
      Statistics.label("first layer spikes").coverage(c -> c.check(true).percentage(pc -> pc >= 75.0));
    }
  }

  /** The layers whose bit is set in {@code mask}. */
  static int[] layers(int mask, int[] sizes) {
    return java.util.stream.IntStream.range(0, sizes.length - 1).filter(l -> ((mask >> l) & 1) != 0).toArray();
  }

  static int[] sizes(int depth, int hidden) {
    int[] s = new int[depth + 2];
    s[0] = 24;
    for (int l = 1; l <= depth; l++) {
      s[l] = Math.max(3, hidden >> (l - 1));
    }
    s[depth + 1] = 3;
    return s;
  }
}
