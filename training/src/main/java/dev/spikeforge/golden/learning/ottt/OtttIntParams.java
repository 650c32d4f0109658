package dev.spikeforge.golden.learning.ottt;

import dev.spikeforge.golden.learning.DesireIntParams;
import java.util.Arrays;

/**
 * The widths of OTTT's integer form (docs/learning.md Part III §3.1).
 *
 * @param weightBits B, signed forward weights (2..16)
 * @param shadowBits E, extra fraction bits of the shadow (learning) weights, B + E ≤ 31
 * @param membraneBits M, signed membranes
 * @param traceFracBits F, fraction bits of the presynaptic traces
 * @param deltaBits D, signed width of the hidden errors (saturating)
 * @param thresholdShifts q per layer: threshold {@code 2^q}, weight LSB {@code 2^−q} thresholds
 * @param roundingBits K random LFSR bits of a stochastically rounded weight step; 0 = HALF_EVEN
 */
public record OtttIntParams(int weightBits, int shadowBits, int membraneBits, int traceFracBits, int deltaBits,
    int[] thresholdShifts, int roundingBits) {
  /** Largest K of stochastic rounding. */
  public static final int MAX_ROUNDING_BITS = 32;

  public OtttIntParams {
    check(weightBits, 2, 16, "weightBits");
    check(shadowBits, 0, 31 - weightBits, "shadowBits");
    check(membraneBits, 4, 32, "membraneBits");
    check(traceFracBits, 0, 16, "traceFracBits");
    check(deltaBits, 4, 32, "deltaBits");
    check(roundingBits, 0, MAX_ROUNDING_BITS, "roundingBits");
    thresholdShifts = thresholdShifts.clone();
    for (int q : thresholdShifts) {
      check(q, 0, membraneBits - 2, "thresholdShift");
    }
  }

  private static void check(int v, int lo, int hi, String name) {
    if (v < lo || v > hi) {
      throw new IllegalArgumentException(name + " must be in " + lo + ".." + hi + ", got " + v);
    }
  }

  /**
   * Defaults for {@code sizes} at B-bit weights: E = 12, M = 16 (20 if B > 10), F = 6, D = 16, no
   * stochastic rounding, and desire backpropagation's thresholds (forward weights span ±8 standard
   * deviations of the Kaiming-normal start, {@link DesireIntParams#defaults(int[], int, int)}).
   */
  public static OtttIntParams defaults(int[] sizes, int weightBits) {
    int m = weightBits > 10 ? 20 : 16;
    return new OtttIntParams(weightBits, 12, m, 6, 16,
        DesireIntParams.defaults(sizes, weightBits, m).thresholdShifts(), 0);
  }

  @Override
  public int[] thresholdShifts() {
    return thresholdShifts.clone();
  }

  /** q of layer {@code l}. */
  public int thresholdShift(int l) {
    return thresholdShifts[l];
  }

  /** The shadow width B + E. */
  public int shadowWidth() {
    return weightBits + shadowBits;
  }

  public OtttIntParams withShadowBits(int e) {
    return new OtttIntParams(weightBits, e, membraneBits, traceFracBits, deltaBits, thresholdShifts, roundingBits);
  }

  public OtttIntParams withMembraneBits(int m) {
    return new OtttIntParams(weightBits, shadowBits, m, traceFracBits, deltaBits, thresholdShifts, roundingBits);
  }

  public OtttIntParams withTraceFracBits(int f) {
    return new OtttIntParams(weightBits, shadowBits, membraneBits, f, deltaBits, thresholdShifts, roundingBits);
  }

  public OtttIntParams withThresholdShifts(int... q) {
    return new OtttIntParams(weightBits, shadowBits, membraneBits, traceFracBits, deltaBits, q, roundingBits);
  }

  public OtttIntParams withRoundingBits(int k) {
    return new OtttIntParams(weightBits, shadowBits, membraneBits, traceFracBits, deltaBits, thresholdShifts, k);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OtttIntParams p && p.weightBits == weightBits && p.shadowBits == shadowBits
        && p.membraneBits == membraneBits && p.traceFracBits == traceFracBits && p.deltaBits == deltaBits
        && Arrays.equals(p.thresholdShifts, thresholdShifts) && p.roundingBits == roundingBits;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new int[] {weightBits, shadowBits, membraneBits, traceFracBits, deltaBits, roundingBits})
        * 31 + Arrays.hashCode(thresholdShifts);
  }

  @Override
  public String toString() {
    return "B=" + weightBits + " E=" + shadowBits + " M=" + membraneBits + " F=" + traceFracBits + " D=" + deltaBits
        + " q=" + Arrays.toString(thresholdShifts) + " K=" + roundingBits;
  }
}
