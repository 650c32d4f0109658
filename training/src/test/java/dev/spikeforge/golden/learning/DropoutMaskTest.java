package dev.spikeforge.golden.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.numerics.Lfsr;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The LFSR dropout masks: thresholds, rates, streams, and one pinned mask (a change of definition shows up). */
@Tag("unit")
class DropoutMaskTest {
  @Test
  void thresholds() {
    assertEquals(0, DropoutMask.threshold(0));
    assertEquals(13, DropoutMask.threshold(0.05)); // 12.8
    assertEquals(77, DropoutMask.threshold(0.30)); // 76.8
    assertEquals(102, DropoutMask.threshold(0.40)); // 102.4
    assertEquals(255, DropoutMask.threshold(0.9999));
  }

  @Test
  void rateIsPOver256() {
    Lfsr lfsr = Lfsr.seeded(3, 0);
    boolean[] keep = new boolean[200_000];
    DropoutMask.draw(lfsr, 102, keep, keep.length);
    int dropped = 0;
    for (boolean k : keep) {
      dropped += k ? 0 : 1;
    }
    assertEquals(102 / 256.0, dropped / (double) keep.length, 0.005);
  }

  @Test
  void zeroProbabilityDrawsNothing() {
    Lfsr lfsr = Lfsr.seeded(3, 0);
    int before = lfsr.state();
    boolean[] keep = new boolean[10];
    DropoutMask.draw(lfsr, 0, keep, 10);
    assertEquals(before, lfsr.state());
    for (boolean k : keep) {
      assertTrue(k);
    }
  }

  @Test
  void streamsAndAPinnedMask() {
    assertEquals((5L << 32) + 7, DropoutMask.stream(5, 7));
    boolean[] keep = new boolean[16];
    DropoutMask.draw(Lfsr.seeded(1, DropoutMask.stream(0, 0)), 102, keep, 16);
    boolean[] again = new boolean[16];
    DropoutMask.draw(Lfsr.seeded(1, DropoutMask.stream(0, 0)), 102, again, 16);
    assertArrayEquals(keep, again);
    StringBuilder sb = new StringBuilder();
    for (boolean k : keep) {
      sb.append(k ? '1' : '0');
    }
    assertEquals(PINNED, sb.toString(), "the definition of the masks changed: update docs/learning.md §4 and this value");
  }

  /** Keep bits of the first 16 units of seed 1, epoch 0, position 0, p = 0.40. */
  static final String PINNED = "1111101111111111";
}
