package dev.spikeforge.golden.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Tag;

/**
 * Where quantization is exact, the integer golden model and the float reference agree spike for
 * spike: no leak (k = 0), integer weights and thresholds, and a membrane wide enough that nothing
 * saturates (32 bits against at most T · fan-in · 2^(w−1) in magnitude).
 */
@Tag("unit")
@net.jqwik.api.Tag("unit")
class IntFloatAgreementTest {
  @Property(tries = 100)
  void integerEqualsFloatWhenArithmeticIsExact(@ForAll @IntRange(min = 1, max = 20) int in,
      @ForAll @IntRange(min = 1, max = 20) int hidden, @ForAll @IntRange(min = 1, max = 6) int out,
      @ForAll @IntRange(min = 0, max = 5) int maxDelay, @ForAll boolean recurrent, @ForAll boolean binarized,
      @ForAll boolean ftf, @ForAll long seed) {
    RandomNetworks.Options o = new RandomNetworks.Options(new int[] {in, hidden, out}, 20, 8, 32, maxDelay,
        maxDelay > 0, maxDelay > 0, recurrent, binarized,
        ftf ? ReadoutSpec.firstToFire(1) : ReadoutSpec.spikeCount(), 1e-8);
    NetworkSpec net = noLeak(RandomNetworks.generate(o, seed));
    SpikeRaster x = IntSimulatorTest.randomRaster(in, 20, 0.4, seed + 1);
    Trace it = new IntSimulator(net).runTraced(x, "");
    SpikeRaster[] fl = new FloatSimulator(FloatNetwork.of(net)).runRasters(x);
    assertEquals(it.steps().size(), fl[0].steps());
    for (int t = 0; t < it.steps().size(); t++) {
      for (int l = 0; l < net.layers().size(); l++) {
        assertArrayEquals(fl[l].at(t), it.steps().get(t).spikes()[l], "step " + t + " layer " + l);
      }
    }
    assertEquals(new FloatSimulator(FloatNetwork.of(net)).run(x).prediction(), it.result().prediction());
  }

  /** Leak by v − (v >> k) equals v·(1 − 2^-k) whenever v stays a multiple of 2^k... checked: with
   *  weights and thresholds that are multiples of 2^(k·T) nothing rounds, so both agree. */
  @Property(tries = 40)
  void leakAgreesWhenNothingRounds(@ForAll @IntRange(min = 1, max = 2) int k, @ForAll long seed) {
    int steps = 6;
    int scale = 1 << (k * steps);
    RandomNetworks.Options o = new RandomNetworks.Options(new int[] {6, 5, 3}, steps, 4, 32, 0, false, false,
        false, false, ReadoutSpec.spikeCount(), 1e-9);
    NetworkSpec base = RandomNetworks.generate(o, seed);
    NetworkSpec net = Networks.map(base, l -> Networks.scaled(l, scale, k));
    SpikeRaster x = IntSimulatorTest.randomRaster(6, steps, 0.5, seed);
    assertArrayEquals(new FloatSimulator(FloatNetwork.of(net)).run(x).outputCounts(),
        new IntSimulator(net).run(x).outputCounts());
  }

  static NetworkSpec noLeak(NetworkSpec net) {
    return Networks.map(net, l -> Networks.withLeak(l, 0));
  }
}
