package dev.spikeforge.golden.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spikeforge.golden.sim.SpikeRaster;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
@net.jqwik.api.Tag("unit")
class RateEncoderTest {
  private static final RateEncoder ENC = new RateEncoder();

  /**
   * By hand, T = 4: p = 0 never; p = 255 every step; p = 128: acc 128, 256→1 (spike at 1), 129,
   * 257→2 (spike at 3); p = 100: 100, 200, 300→45 (spike at 2), 145.
   */
  @Test
  void handComputedExample() {
    byte[] in = {0, (byte) 255, (byte) 128, 100};
    SpikeRaster r = ENC.encode(in, 4, 0);
    assertEquals(4, r.channels());
    assertArrayEquals(new int[] {1}, r.at(0));
    assertArrayEquals(new int[] {1, 2}, r.at(1));
    assertArrayEquals(new int[] {1, 3}, r.at(2));
    assertArrayEquals(new int[] {1, 2}, r.at(3));
  }

  /**
   * Exhaustive over every intensity and T = 1..300: input spikes at step t exactly when
   * floor(p(t+1)/255) > floor(pt/255) (the exact form of v += p/255, threshold 1), so its count
   * over T steps is floor(pT/255).
   */
  @Test
  void exhaustiveAgainstClosedForm() {
    byte[] all = new byte[256];
    for (int p = 0; p < 256; p++) {
      all[p] = (byte) p;
    }
    SpikeRaster r = ENC.encode(all, 300, 0);
    for (int p = 0; p < 256; p++) {
      int count = 0;
      for (int t = 0; t < 300; t++) {
        boolean expected = (p * (t + 1)) / 255 > (p * t) / 255;
        assertEquals(expected, r.spiked(t, p), "p=" + p + " t=" + t);
        count += expected ? 1 : 0;
        assertEquals(p * (t + 1) / 255, count, "count after " + (t + 1) + " steps, p=" + p);
      }
    }
  }

  @Property(tries = 200)
  void spikeCountIsFloorPTOver255(@ForAll @Size(min = 1, max = 40) byte[] in, @ForAll @IntRange(min = 1, max = 500) int steps) {
    SpikeRaster r = ENC.encode(in, steps, 0);
    int[] counts = new int[in.length];
    for (int t = 0; t < steps; t++) {
      for (int i : r.at(t)) {
        counts[i]++;
      }
    }
    for (int i = 0; i < in.length; i++) {
      assertEquals((in[i] & 0xFF) * steps / 255, counts[i], "input " + i);
    }
  }

  /** rate:min=M: an input below M never spikes, the others exactly as plain rate coding (docs/datasets.md §3.1). */
  @Property(tries = 200)
  void thresholdSilencesFaintInputsAndKeepsTheOthers(@ForAll @Size(min = 1, max = 40) byte[] in,
      @ForAll @IntRange(min = 1, max = 100) int steps, @ForAll @IntRange(min = 0, max = 255) int min) {
    SpikeRaster cut = new RateEncoder(min).encode(in, steps, 0);
    SpikeRaster plain = ENC.encode(in, steps, 0);
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < in.length; i++) {
        boolean expected = (in[i] & 0xFF) >= min && plain.spiked(t, i);
        assertEquals(expected, cut.spiked(t, i), "t=" + t + " i=" + i + " p=" + (in[i] & 0xFF));
      }
    }
    if (min <= 1) {
      assertEquals(plain, cut);
    }
  }

  @Test
  void thresholdByHand() {
    // T = 4, min = 100: p = 99 silent (plain: acc 99, 198, 297 -> spike at 2), p = 100 as plain (spike at 2)
    SpikeRaster r = new RateEncoder(100).encode(new byte[] {99, 100}, 4, 0);
    assertArrayEquals(new int[] {1}, r.at(2));
    assertEquals(1, r.spikeCount());
    assertThrows(IllegalArgumentException.class, () -> new RateEncoder(256));
    assertThrows(IllegalArgumentException.class, () -> new RateEncoder(-1));
  }

  @Property(tries = 50)
  void ignoresSampleIndexAndIsRepeatable(@ForAll @Size(min = 1, max = 20) byte[] in, @ForAll long k) {
    assertEquals(ENC.encode(in, 17, 0), ENC.encode(in, 17, k));
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> ENC.encode(new byte[] {1}, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> ENC.encode(new byte[0], 3, 0));
  }
}
