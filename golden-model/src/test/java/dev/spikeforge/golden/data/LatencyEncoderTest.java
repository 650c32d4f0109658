package dev.spikeforge.golden.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
class LatencyEncoderTest {
  /**
   * By hand, T = 10: t(255) = 0; t(128) = floor(127*9/255) = floor(4.48) = 4; t(1) = floor(254*9/255)
   * = 8; t(0) silent (below the default minimum 1); t(200) = floor(55*9/255) = 1.
   */
  @Test
  void handComputedExample() {
    SpikeRaster r = new LatencyEncoder().encode(new byte[] {(byte) 255, (byte) 128, 1, 0, (byte) 200}, 10, 0);
    assertArrayEquals(new int[] {0}, r.at(0));
    assertArrayEquals(new int[] {4}, r.at(1));
    assertArrayEquals(new int[] {1}, r.at(4));
    assertArrayEquals(new int[] {2}, r.at(8));
    assertEquals(4, r.spikeCount());
    assertTrue(new LatencyEncoder(0).encode(new byte[] {0}, 10, 0).spiked(9, 0), "p = 0 fires at T-1 when minIntensity = 0");
  }

  @Test
  void monotoneAndInRangeExhaustively() {
    for (int steps = 1; steps <= 100; steps++) {
      int prev = Integer.MAX_VALUE;
      for (int p = 0; p <= 255; p++) {
        int t = LatencyEncoder.spikeStep(p, steps);
        assertTrue(t >= 0 && t < steps, "steps=" + steps + " p=" + p);
        assertTrue(t <= prev, "brighter never later: steps=" + steps + " p=" + p);
        prev = t;
      }
      assertEquals(0, LatencyEncoder.spikeStep(255, steps));
      assertEquals(steps - 1, LatencyEncoder.spikeStep(0, steps));
    }
  }

  @Property(tries = 200)
  void oneSpikeAtTheFormulaStepAboveTheMinimum(@ForAll @Size(min = 1, max = 40) byte[] in, @ForAll @IntRange(min = 1, max = 300) int steps,
      @ForAll @IntRange(min = 0, max = 255) int min) {
    SpikeRaster r = new LatencyEncoder(min).encode(in, steps, 0);
    int[] count = new int[in.length];
    for (int t = 0; t < steps; t++) {
      for (int i : r.at(t)) {
        count[i]++;
        assertEquals(t, (255 - (in[i] & 0xFF)) * (steps - 1) / 255);
      }
    }
    for (int i = 0; i < in.length; i++) {
      assertEquals((in[i] & 0xFF) >= min ? 1 : 0, count[i], "input " + i);
    }
  }

  @Property(tries = 200)
  void monotoneInIntensity(@ForAll @IntRange(min = 1, max = 255) int a, @ForAll @IntRange(min = 1, max = 255) int b,
      @ForAll @IntRange(min = 1, max = 1000) int steps) {
    SpikeRaster r = new LatencyEncoder().encode(new byte[] {(byte) a, (byte) b}, steps, 0);
    int ta = -1;
    int tb = -1;
    for (int t = 0; t < steps; t++) {
      ta = r.spiked(t, 0) ? t : ta;
      tb = r.spiked(t, 1) ? t : tb;
    }
    if (a >= b) {
      assertTrue(ta <= tb, a + " fired at " + ta + ", " + b + " at " + tb);
    }
  }

  @Test
  void validatesMinimum() {
    assertThrows(IllegalArgumentException.class, () -> new LatencyEncoder(256));
    assertThrows(IllegalArgumentException.class, () -> new LatencyEncoder(-1));
    assertEquals(1, new LatencyEncoder().minIntensity());
  }
}
