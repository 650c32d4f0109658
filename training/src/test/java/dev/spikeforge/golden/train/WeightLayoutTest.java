package dev.spikeforge.golden.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Where a desire team keeps its first layer's weights: one column panel per worker. */
@Tag("unit")
class WeightLayoutTest {
  @Test
  void plainIsInputMajor() {
    WeightLayout p = WeightLayout.plain(3, 5);
    assertTrue(p.isPlain());
    assertEquals(15, p.length);
    assertEquals(2 * 5 + 4, p.at(2, 4));
    assertEquals(p.at(2, 0), p.base(2, 3));
    assertEquals(5, p.contiguousEnd(1, 9));
  }

  @Test
  void oneRangeIsPlain() {
    assertTrue(WeightLayout.panels(4, 10, new int[] {0, 10, 10}).isPlain());
  }

  @Test
  void panelsAreContiguousPaddedAndApart() {
    int rows = 784;
    int[] bounds = DesireEngine.split(1000, 2);
    WeightLayout p = WeightLayout.panels(rows, 1000, bounds);
    assertEquals(512, p.stride);
    BitSet used = new BitSet(p.length);
    int[] lowest = {Integer.MAX_VALUE, Integer.MAX_VALUE};
    int[] highest = {-1, -1};
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < 1000; j++) {
        int at = p.at(i, j);
        assertTrue(at >= 0 && at < p.length && !used.get(at), "weight " + i + "," + j + " at " + at);
        used.set(at);
        int k = j < bounds[1] ? 0 : 1;
        lowest[k] = Math.min(lowest[k], at);
        highest[k] = Math.max(highest[k], at);
        if (j + 1 < bounds[k + 1]) {
          assertEquals(at + 1, p.at(i, j + 1));
        }
        assertEquals(at, p.base(i, bounds[k]) + j);
      }
    }
    // 64 bytes between the panels even for 16-bit weights: no cache line holds two workers' weights
    assertTrue(lowest[1] - highest[0] > WeightLayout.PAD, lowest[1] + " " + highest[0]);
    assertEquals(bounds[1], p.contiguousEnd(0, 1000));
    assertEquals(bounds[1], p.contiguousEnd(bounds[1] - 3, 1000));
    assertEquals(600, p.contiguousEnd(bounds[1], 600));
    assertEquals(1000, p.contiguousEnd(bounds[1], 1000));
  }
}
