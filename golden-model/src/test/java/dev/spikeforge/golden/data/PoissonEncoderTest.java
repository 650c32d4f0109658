package dev.spikeforge.golden.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.sim.SpikeRaster;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
@net.jqwik.api.Tag("unit")
class PoissonEncoderTest {
  /**
   * Independent reference (a separate Python implementation of the documented LFSR and seeding):
   * Lfsr.seeded(7, 3) has state 0x673E29CB and its first 16 8-bit draws are 245 213 164 179 | 45
   * 100 67 83 | 39 60 49 30 | 120 139 103 155; with intensities {0, 128, 255, 200}, spike iff r &lt; p.
   */
  @Test
  void handComputedExample() {
    byte[] in = {0, (byte) 128, (byte) 255, (byte) 200};
    SpikeRaster r = new PoissonEncoder(7).encode(in, 4, 3);
    assertArrayEquals(new int[] {2, 3}, r.at(0));
    assertArrayEquals(new int[] {1, 2, 3}, r.at(1));
    assertArrayEquals(new int[] {1, 2, 3}, r.at(2));
    assertArrayEquals(new int[] {2, 3}, r.at(3));
  }

  @Property(tries = 100)
  void deterministicPerSeedAndSample(@ForAll @Size(min = 1, max = 50) byte[] in, @ForAll long seed, @ForAll @IntRange(min = 0, max = 1_000_000) int k) {
    PoissonEncoder enc = new PoissonEncoder(seed);
    assertEquals(enc.encode(in, 12, k), new PoissonEncoder(seed).encode(in, 12, k));
  }

  @Test
  void samplesAndSeedsGetDifferentStreams() {
    byte[] in = new byte[64];
    java.util.Arrays.fill(in, (byte) 128);
    SpikeRaster a = new PoissonEncoder(1).encode(in, 20, 0);
    assertNotEquals(a, new PoissonEncoder(1).encode(in, 20, 1));
    assertNotEquals(a, new PoissonEncoder(2).encode(in, 20, 0));
  }

  /** Every input draws at every step, so one input's intensity never shifts another's spikes. */
  @Property(tries = 100)
  void inputsDoNotInfluenceEachOther(@ForAll @Size(min = 2, max = 30) byte[] in, @ForAll byte other, @ForAll long seed) {
    byte[] changed = in.clone();
    changed[0] = other;
    SpikeRaster a = new PoissonEncoder(seed).encode(in, 10, 5);
    SpikeRaster b = new PoissonEncoder(seed).encode(changed, 10, 5);
    for (int t = 0; t < 10; t++) {
      for (int i = 1; i < in.length; i++) {
        assertEquals(a.spiked(t, i), b.spiked(t, i));
      }
    }
  }

  @Test
  void extremes() {
    SpikeRaster r = new PoissonEncoder(9).encode(new byte[] {0, (byte) 255}, 4096, 0);
    int[] counts = new int[2];
    for (int t = 0; t < 4096; t++) {
      for (int i : r.at(t)) {
        counts[i]++;
      }
    }
    assertEquals(0, counts[0], "p = 0 never spikes");
    assertTrue(counts[1] > 4096 - 60 && counts[1] < 4096, "p = 255 spikes with probability 255/256: " + counts[1]);
  }

  /**
   * Empirical rate over 16 inputs × 2,048 steps is p/256 within 6 binomial standard deviations
   * (a false alarm has probability below 1e-8 per input).
   */
  @Property(tries = 30)
  void empiricalRateIsPOver256(@ForAll @IntRange(min = 0, max = 255) int p, @ForAll long seed, @ForAll @IntRange(min = 0, max = 1000) int k) {
    int n = 16;
    int steps = 2048;
    byte[] in = new byte[n];
    java.util.Arrays.fill(in, (byte) p);
    SpikeRaster r = new PoissonEncoder(seed).encode(in, steps, k);
    double q = p / 256.0;
    double sd = Math.sqrt(steps * q * (1 - q));
    int[] counts = new int[n];
    for (int t = 0; t < steps; t++) {
      for (int i : r.at(t)) {
        counts[i]++;
      }
    }
    for (int i = 0; i < n; i++) {
      assertTrue(Math.abs(counts[i] - steps * q) <= 6 * sd + 1, "p=" + p + " input " + i + ": " + counts[i] + " spikes, expected " + steps * q);
    }
  }
}
