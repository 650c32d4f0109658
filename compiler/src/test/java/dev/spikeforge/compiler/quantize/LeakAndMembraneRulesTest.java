package dev.spikeforge.compiler.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LeakAndMembraneRulesTest {

  @Test
  void everyIntegerLeakFactorMapsBackToItsShift() {
    for (int k = 0; k <= LeakShift.MAX_SHIFT; k++) {
      assertEquals(k, LeakShift.nearest(LeakShift.factor(k), LeakShift.MAX_SHIFT), "k = " + k);
    }
    assertEquals(1.0, LeakShift.factor(0));
    assertEquals(0.5, LeakShift.factor(1));
    assertEquals(0.9375, LeakShift.factor(4));
  }

  @Test
  void nearestShift() {
    assertEquals(3, LeakShift.nearest(0.9, 31));
    assertEquals(4, LeakShift.nearest(0.95, 31));
    assertEquals(10, LeakShift.nearest(0.999, 31)); // 0.99902 vs 0.99805
    assertEquals(1, LeakShift.nearest(0.625, 31)); // tie between 0.5 and 0.75: the smaller shift
    assertEquals(1, LeakShift.nearest(0.01, 31)); // nothing below 0.5
    // bounded by the membrane: 1 (error 0.001) is nearer than 0.875 (error 0.124)
    assertEquals(0, LeakShift.nearest(0.999, 3));
    assertEquals(2, LeakShift.nearest(0.8, 2));
    assertEquals(0, LeakShift.nearest(0.5, 0));
  }

  @Test
  void autoMembraneWidth() {
    assertEquals(14, MembraneWidthRule.maxRowInput(new int[][] {{4, -2, 1}, {-7, 2, 5}}, null));
    assertEquals(16, MembraneWidthRule.maxRowInput(new int[][] {{4, -2, 1}, {-7, 2, 5}}, new int[][] {{0, 9}, {0, 0}}));
    assertEquals(6, MembraneWidthRule.auto(7, 14, 0)); // +-21 -> 6 bits
    assertEquals(6, MembraneWidthRule.auto(7, 24, 0)); // +-31 -> 6 bits
    assertEquals(7, MembraneWidthRule.auto(8, 24, 0)); // +-32 -> 7 bits
    assertEquals(2, MembraneWidthRule.auto(1, 0, 0));
    assertEquals(11, MembraneWidthRule.auto(1, 0, 10)); // room for the leak shift
    assertEquals(32, MembraneWidthRule.auto(1L << 30, 1L << 30, 0)); // 2^31 needs 33: capped
    assertEquals(33, MembraneWidthRule.uncapped(1L << 30, 1L << 30, 0));
    assertEquals(32, MembraneWidthRule.thresholdWidth((1L << 31) - 1));
    assertEquals(33, MembraneWidthRule.thresholdWidth(1L << 31));
    assertEquals(2, MembraneWidthRule.thresholdWidth(1));
  }
}
