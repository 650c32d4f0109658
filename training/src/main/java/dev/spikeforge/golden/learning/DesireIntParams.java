package dev.spikeforge.golden.learning;

import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.HwDesireLearning;
import java.util.Arrays;

/**
 * The widths of the integer form of desire backpropagation ({@code docs/learning.md} §3, table of
 * widths). Per layer {@code l}, the weight LSB is {@code 2^−q_l} thresholds: the integer threshold is
 * {@code θ_l = 2^q_l} and a float weight {@code w} stands for the integer {@code w · 2^q_l}.
 *
 * @param weightBits B, signed width of the forward weights (the network the hardware runs), 2..16
 * @param shadowBits E, extra fraction bits of the learning ("shadow") copy of every weight, 0..15;
 *     the shadow weight is a signed {@code B + E}-bit integer whose rounded top B bits are the forward weight
 * @param membraneBits M, signed membrane width, 2..32
 * @param traceFracBits F, fraction bits of the presynaptic traces, 0..12; a spike adds {@code 2^F}
 * @param thresholdShifts q_l per layer, 0..M−2 ({@code θ_l = 2^q_l} must fit the membrane)
 * @param roundingBits K, random bits of the stochastic rounding of every shadow update, 1..32
 *     ({@code docs/learning.md} §3.6: {@code Δ = floor(U/2^R + r/2^K)}, r from the layer's LFSR stream);
 *     0: off, the update is floored ({@code U >> R}, §3.3)
 * @param layerShadowBits E per layer (0..15 each, one per layer), overriding {@code shadowBits}; null: every
 *     layer has {@code shadowBits} ({@code docs/learning.md} §3.6: the output layer can keep more shadow
 *     bits in block RAM than the first layer in SPRAM)
 */
public record DesireIntParams(int weightBits, int shadowBits, int membraneBits, int traceFracBits, int[] thresholdShifts,
    int roundingBits, int[] layerShadowBits) {
  /** Largest K: {@code Lfsr.nextBits} delivers at most 32 bits per draw. */
  public static final int MAX_ROUNDING_BITS = HwDesireLearning.MAX_ROUNDING_BITS;

  /** Widths with the update floored (no stochastic rounding, K = 0). */
  public DesireIntParams(int weightBits, int shadowBits, int membraneBits, int traceFracBits, int[] thresholdShifts) {
    this(weightBits, shadowBits, membraneBits, traceFracBits, thresholdShifts, 0, null);
  }

  /** Widths with one E for every layer. */
  public DesireIntParams(int weightBits, int shadowBits, int membraneBits, int traceFracBits, int[] thresholdShifts,
      int roundingBits) {
    this(weightBits, shadowBits, membraneBits, traceFracBits, thresholdShifts, roundingBits, null);
  }

  public DesireIntParams {
    SpecException.inRange(weightBits, 2, LayerSpec.MAX_WEIGHT_WIDTH, "weightBits", "signed forward weights");
    SpecException.inRange(shadowBits, 0, HwDesireLearning.MAX_SHADOW_BITS, "shadowBits",
        "extra fraction bits of the learning copy");
    SpecException.inRange(membraneBits, 2, NeuronSpec.MAX_MEMBRANE_WIDTH, "membraneBits", "signed membrane");
    SpecException.inRange(traceFracBits, 0, 12, "traceFracBits", "fraction bits of the traces");
    SpecException.check(thresholdShifts != null && thresholdShifts.length > 0, "thresholdShifts", "one per layer");
    thresholdShifts = thresholdShifts.clone();
    for (int l = 0; l < thresholdShifts.length; l++) {
      SpecException.inRange(thresholdShifts[l], 0, membraneBits - 2, "thresholdShifts[" + l + "]",
          "the threshold 2^q must fit the signed " + membraneBits + "-bit membrane");
    }
    SpecException.inRange(roundingBits, 0, MAX_ROUNDING_BITS, "roundingBits",
        "random bits per stochastically rounded update (0 = off, floor)");
    if (layerShadowBits != null) {
      SpecException.check(layerShadowBits.length == thresholdShifts.length, "layerShadowBits",
          "has " + layerShadowBits.length + " entries for " + thresholdShifts.length + " layers");
      layerShadowBits = layerShadowBits.clone();
      for (int l = 0; l < layerShadowBits.length; l++) {
        SpecException.inRange(layerShadowBits[l], 0, HwDesireLearning.MAX_SHADOW_BITS, "layerShadowBits[" + l + "]",
            "extra fraction bits of the learning copy");
      }
    }
  }

  /**
   * Defaults for an architecture ({@code sizes} = input size, then each layer's size) and B-bit
   * weights: E = 12, M = 16 (20 when B > 10), F = 6, and q_l chosen so that the forward weights span
   * ±{@value #CLIP_SIGMAS} standard deviations of the layer's Kaiming-normal initialisation:
   * {@code q_l = floor(log2((2^(B−1) − 1) / (CLIP · sqrt(2 / fan_in))))}, clamped to 0..M−2.
   */
  public static DesireIntParams defaults(int[] sizes, int weightBits) {
    return defaults(sizes, weightBits, weightBits > 10 ? 20 : 16);
  }

  /** {@link #defaults(int[], int)} with an explicit membrane width M (q_l clamped to 0..M−2). */
  public static DesireIntParams defaults(int[] sizes, int weightBits, int m) {
    int[] q = new int[sizes.length - 1];
    for (int l = 0; l < q.length; l++) {
      double sigma = Math.sqrt(2.0 / sizes[l]);
      double ratio = ((1 << (weightBits - 1)) - 1) / (CLIP_SIGMAS * sigma);
      int shift = (int) Math.floor(StrictMath.log(ratio) / StrictMath.log(2));
      q[l] = Math.max(0, Math.min(m - 2, shift));
    }
    return new DesireIntParams(weightBits, 12, m, 6, q);
  }

  /** Range of the default forward weights, in standard deviations of the initial weights. */
  public static final double CLIP_SIGMAS = 8.0;

  /** Number of layers these widths describe. */
  public int layers() {
    return thresholdShifts.length;
  }

  /** q_l. */
  public int thresholdShift(int layer) {
    return thresholdShifts[layer];
  }

  /** θ_l = 2^q_l, the integer threshold of layer {@code l}. */
  public long threshold(int layer) {
    return 1L << thresholdShifts[layer];
  }

  /** Width of the shadow weights, B + E (with per-layer E: of the layers without their own value). */
  public int shadowWidth() {
    return weightBits + shadowBits;
  }

  /** Width of the unsigned presynaptic trace for leak shift {@code k}: F + k + 1 (its maximum is 2^(F+k)). */
  public int traceWidth(int leakShift) {
    return traceFracBits + leakShift + 1;
  }

  @Override
  public int[] thresholdShifts() {
    return thresholdShifts.clone();
  }

  /** These widths with E = {@code e} for every layer. */
  public DesireIntParams withShadowBits(int e) {
    return new DesireIntParams(weightBits, e, membraneBits, traceFracBits, thresholdShifts, roundingBits, null);
  }

  /**
   * These widths with E per layer; equal values are the same as {@link #withShadowBits(int)} (no
   * per-layer record), so a uniform list keeps the run's fingerprint.
   */
  public DesireIntParams withLayerShadowBits(int... e) {
    boolean uniform = e.length > 0 && java.util.Arrays.stream(e).allMatch(x -> x == e[0]);
    if (uniform && e.length == thresholdShifts.length) {
      return withShadowBits(e[0]);
    }
    return new DesireIntParams(weightBits, e.length > 0 ? e[0] : shadowBits, membraneBits, traceFracBits, thresholdShifts,
        roundingBits, e);
  }

  /** E of layer l. */
  public int shadowBits(int layer) {
    return layerShadowBits == null ? shadowBits : layerShadowBits[layer];
  }

  /** Width of layer l's shadow weights, B + E_l. */
  public int shadowWidth(int layer) {
    return weightBits + shadowBits(layer);
  }

  /** Whether the layers have different E ({@link #layerShadowBits} set). */
  public boolean perLayerShadowBits() {
    return layerShadowBits != null;
  }

  @Override
  public int[] layerShadowBits() {
    return layerShadowBits == null ? null : layerShadowBits.clone();
  }

  public DesireIntParams withMembraneBits(int m) {
    return new DesireIntParams(weightBits, shadowBits, m, traceFracBits, thresholdShifts, roundingBits, layerShadowBits);
  }

  public DesireIntParams withTraceFracBits(int f) {
    return new DesireIntParams(weightBits, shadowBits, membraneBits, f, thresholdShifts, roundingBits, layerShadowBits);
  }

  public DesireIntParams withThresholdShifts(int... q) {
    return new DesireIntParams(weightBits, shadowBits, membraneBits, traceFracBits, q, roundingBits, layerShadowBits);
  }

  /** These widths with K random bits of stochastic rounding per update (0: off). */
  public DesireIntParams withRoundingBits(int k) {
    return new DesireIntParams(weightBits, shadowBits, membraneBits, traceFracBits, thresholdShifts, k, layerShadowBits);
  }

  /** Whether shadow updates are rounded stochastically (K &gt; 0). */
  public boolean stochasticRounding() {
    return roundingBits > 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DesireIntParams p && p.weightBits == weightBits && p.shadowBits == shadowBits
        && p.membraneBits == membraneBits && p.traceFracBits == traceFracBits
        && Arrays.equals(p.thresholdShifts, thresholdShifts) && p.roundingBits == roundingBits
        && Arrays.equals(p.layerShadowBits, layerShadowBits);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * (31 * weightBits + shadowBits) + Arrays.hashCode(thresholdShifts)) + roundingBits)
        + Arrays.hashCode(layerShadowBits);
  }

  @Override
  public String toString() {
    return "DesireIntParams[B=" + weightBits + ", E=" + shadowBits + ", M=" + membraneBits + ", F=" + traceFracBits
        + ", q=" + Arrays.toString(thresholdShifts) + (roundingBits > 0 ? ", K=" + roundingBits : "")
        + (layerShadowBits != null ? ", E per layer=" + Arrays.toString(layerShadowBits) : "") + "]";
  }
}
