package dev.spikeforge.golden.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.numerics.Fx;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The integer learning functions: exhaustive checks of the narrow ones, agreement of every integer
 * decision with the float form's, and the constants of the reference configuration.
 */
@Tag("unit")
@net.jqwik.api.Tag("unit")
class DesireBackpropIntTest {
  @Test
  void outputDesireEqualsTheFloatFormForEveryCount() {
    for (double thr : new double[] {0.0, 0.25, 0.30, 0.5, 0.95}) {
      for (int tEff = 1; tEff <= 32; tEff++) {
        int d = DesireBackpropInt.outputThresholdCount(thr, tEff);
        for (int c = 0; c <= 64; c++) {
          for (boolean label : new boolean[] {false, true}) {
            assertEquals(DesireBackprop.outputDesire(c, label, tEff, thr), DesireBackpropInt.outputDesire(c, label, tEff, d),
                "thr " + thr + " tEff " + tEff + " c " + c + " label " + label);
          }
        }
      }
    }
  }

  @Test
  void referenceConstants() {
    assertEquals(4, DesireBackpropInt.outputThresholdCount(0.30, 16)); // error > 0.3 ⟺ 16·error ≥ 5
    assertEquals(410, DesireBackpropInt.desireThreshold(0.05, 16, 9)); // ceil(0.05·16·512) = ceil(409.6)
    assertEquals(17, DesireBackpropInt.learningRateExponent(1e-5)); // −log2(1e-5) = 16.61
    assertEquals(18, DesireBackpropInt.learningRateExponent(1e-5 * Math.exp(-0.04 * 16)));
    assertEquals(10, DesireBackpropInt.learningRateExponent(Math.scalb(1.0, -10)));
    assertEquals(256, DesireBackpropInt.dropoutScale(0));
    assertEquals(269, DesireBackpropInt.dropoutScale(0.05)); // 256/0.95 = 269.47
    assertEquals(427, DesireBackpropInt.dropoutScale(0.40)); // 256/0.6 = 426.67
    assertEquals(17, DesireBackpropInt.scaledCurrent(10, 427)); // 4270/256 = 16.68
    assertEquals(-17, DesireBackpropInt.scaledCurrent(-10, 427)); // −16.68 → −17
    assertEquals(123, DesireBackpropInt.scaledCurrent(123, 256));
    assertEquals(17 + 6 - 9 - 12, DesireBackpropInt.updateShift(17, 6, 9, 12));
  }

  @Test
  void desireSumThresholdMatchesTheFloatThreshold() {
    for (int q = 0; q <= 12; q++) {
      for (int tEff : new int[] {1, 7, 16, 20}) {
        long d = DesireBackpropInt.desireThreshold(0.05, tEff, q);
        for (long a = -3 * d; a <= 3 * d; a++) {
          double real = a / (tEff * Math.scalb(1.0, q));
          assertEquals(DesireBackprop.hiddenDesire(real, 0.05), DesireBackpropInt.hiddenDesire(a, d), "A = " + a);
        }
      }
    }
  }

  /** Exhaustive: the trace never leaves 0..2^(F+k), and a steady spike train drives it to 2^(F+k). */
  @Test
  void traceBounds() {
    for (int k = 1; k <= 4; k++) {
      for (int f = 0; f <= 6; f++) {
        int max = 1 << (f + k);
        for (int x = 0; x <= max; x++) {
          for (boolean s : new boolean[] {false, true}) {
            int y = DesireBackpropInt.traceStep(x, k, f, s);
            assertTrue(y >= 0 && y <= max, "k " + k + " F " + f + " x " + x + " → " + y);
          }
        }
        int x = 0;
        for (int t = 0; t < 64 * (f + k + 1); t++) {
          x = DesireBackpropInt.traceStep(x, k, f, true);
        }
        assertEquals(max, x, "steady state k " + k + " F " + f);
      }
    }
  }

  /** Exhaustive over 12-bit shadows: forward weight = sat_B(floor(sh / 2^E + 1/2)). */
  @Test
  void forwardWeightIsTheRoundedTopBits() {
    int b = 4;
    int e = 8;
    for (int sh = -(1 << 11); sh < (1 << 11); sh++) {
      long expected = Fx.saturate((long) Math.floor(sh / 256.0 + 0.5), b, true);
      assertEquals(expected, DesireBackpropInt.forwardWeight(sh, e, b), "shadow " + sh);
    }
  }

  @Property(tries = 500)
  void shadowUpdateIsSymmetricAndSaturates(@ForAll @IntRange(min = -2048, max = 2047) int sh,
      @ForAll @LongRange(min = 0, max = 5000) long u, @ForAll @IntRange(min = -4, max = 6) int shift) {
    int width = 12;
    long delta = shift >= 0 ? u >> shift : u << -shift;
    assertEquals(Fx.saturate(sh + delta, width, true), DesireBackpropInt.updatedShadow(sh, 1, u, shift, width));
    assertEquals(Fx.saturate(sh - delta, width, true), DesireBackpropInt.updatedShadow(sh, -1, u, shift, width));
  }

  @Test
  void initialShadowRoundsToTheShadowGrid() {
    assertEquals(4096, DesireBackpropInt.initialShadow(1.0, 4, 8, 16));
    assertEquals(-1, DesireBackpropInt.initialShadow(-1.4 / 4096, 4, 8, 16));
    assertEquals(32767, DesireBackpropInt.initialShadow(100.0, 4, 8, 16)); // saturates
    assertEquals(2, DesireBackpropInt.initialShadow(2.5 / 4096, 4, 8, 16)); // half to even
  }

  @Test
  void errorInCounts() {
    assertEquals(3, DesireBackpropInt.scaledError(13, 1, 16));
    assertEquals(4, DesireBackpropInt.scaledError(20, 1, 16)); // above target: |16 − 20|
    assertEquals(5, DesireBackpropInt.scaledError(5, -1, 16));
    for (int c = 0; c <= 20; c++) {
      for (int d = -1; d <= 1; d++) {
        assertEquals(DesireBackprop.error(c, d, 16) * 16, DesireBackpropInt.scaledError(c, d, 16), 0.0);
      }
    }
  }
}
