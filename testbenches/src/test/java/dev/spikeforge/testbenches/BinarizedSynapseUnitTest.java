package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spikeforge.golden.neuron.BinarizedSynapse;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.HwGen;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BinarizedSynapseUnit (hw-gen) against {@code BinarizedSynapse.current} (golden model): every
 * spike word × every weight word up to 8 bits, random words at 13, 32 and 64 bits; Verilator and
 * Icarus.
 */
@Tag("sim")
class BinarizedSynapseUnitTest {
  private static final Path WORK = Path.of("target", "sim", "BinarizedSynapseUnitTest");

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  @ParameterizedTest(name = "{0} bits")
  @ValueSource(ints = {1, 2, 3, 8, 13, 32, 64})
  void equalsTheGoldenPopcountForm(int width) {
    GeneratedModule m = HwGen.generateBinarizedSynapseUnit(width, WORK.resolve("rtl"));
    VectorHarness h = VectorHarness.of(m);
    int spikes = h.inputIndex("in_spikes");
    int weights = h.inputIndex("in_weights");
    int current = h.outputIndex("current");
    assertEquals(width, h.inputs().get(spikes).width());
    boolean exhaustive = width <= 8;
    int n = exhaustive ? 1 << (2 * width) : 50_000;
    long[][] in = new long[n][2];
    long[][] out = new long[n][1];
    Lfsr rng = Lfsr.seeded(width);
    for (int r = 0; r < n; r++) {
      long s = exhaustive ? r >>> width : bits(rng, width, r);
      long b = exhaustive ? r & ((1L << width) - 1) : bits(rng, width, r + 1);
      in[r][spikes] = s;
      in[r][weights] = b;
      out[r][current] = BinarizedSynapse.current(new long[] {s}, new long[] {b});
    }
    TwinVectors.assertBothSimulators(m, WORK, new TwinVectors.Cases(in, out));
  }

  /** Random bits; every 7th word all ones and every 11th all zeros (the extremes ±width). */
  private static long bits(Lfsr rng, int width, int r) {
    long mask = width == 64 ? -1L : (1L << width) - 1;
    if (r % 7 == 0) {
      return mask;
    }
    if (r % 11 == 0) {
      return 0;
    }
    long v = width <= 32 ? rng.nextBits(width) : rng.nextBits(32) | ((long) rng.nextBits(width - 32) << 32);
    return v & mask;
  }
}
