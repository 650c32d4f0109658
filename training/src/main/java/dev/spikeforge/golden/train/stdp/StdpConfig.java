package dev.spikeforge.golden.train.stdp;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that determines an STDP run's bits (docs/learning.md Part IV §1): a recurrent hidden
 * layer of LIF neurons learning by unsupervised STDP, read out by a linear classifier on its spike
 * counts.
 *
 * @param sizes inputs, recurrent hidden neurons, classes, e.g. {@code {784, 100, 10}}
 * @param timesteps T, steps per sample
 * @param pair pair-based (nearest-spike) STDP when true, trace-based (all-to-all) when false
 * @param windows the STDP window shifts of every synapse: homogeneous or drawn per synapse
 * @param leakShift k of the hidden membrane leak {@code v − (v >> k)} (float: {@code λ = 1 − 2^−k}); with
 *     {@code leakShiftMax > leakShift} the smallest shift drawn
 * @param leakShiftMax {@code leakShift} for one membrane time constant; larger: every hidden neuron's shift is drawn
 *     uniformly from {@code leakShift..leakShiftMax} with the seed (heterogeneous membrane time constants, about
 *     {@code 2^k} steps; {@link StdpLayer#drawLeakShifts})
 * @param thresholdShift q: the hidden threshold is {@code 2^q} weight LSBs
 * @param lrLog2 two exponents: LTP rate {@code 2^lrLog2[0]}, LTD rate {@code 2^lrLog2[1]}, in weight
 *     LSBs per unit of trace
 * @param maxDelay D: recurrent delays drawn uniformly from 1..D with the seed (1: all delays 1)
 * @param stdpEpochs epochs in which the hidden layer learns; later epochs only fit the readout
 * @param ridge λ of the readout's ridge regression
 * @param seed seed of the initial weights, the windows, the delays and the rounding bits
 * @param weightBits B, width of the forward weights (both forms: the float form clips to the same range)
 * @param membraneBits width of the membranes
 * @param intParams the integer form's widths, or null for the float form
 * @param homeostasis lateral inhibition, rate homeostasis and synaptic scaling ({@link StdpHomeostasis#NONE}: none)
 */
public record StdpConfig(int[] sizes, int timesteps, boolean pair, StdpWindows windows, int leakShift,
    int leakShiftMax, int thresholdShift, int[] lrLog2, int maxDelay, int stdpEpochs, double ridge, long seed, int weightBits,
    int membraneBits, IntParams intParams, StdpHomeostasis homeostasis) {
  /** Default T: 20 steps, as the other rules. */
  public static final int DEFAULT_TIMESTEPS = 20;

  /**
   * The integer form's own widths.
   *
   * @param shadowBits E, bits of the shadow weight below the forward weight's LSB
   * @param traceFracBits F, fraction bits of the traces
   * @param roundingBits K, LFSR bits of stochastic rounding of every step (0: HALF_EVEN)
   */
  public record IntParams(int shadowBits, int traceFracBits, int roundingBits) {
    public IntParams {
      if (shadowBits < 0 || shadowBits > 16) {
        throw new IllegalArgumentException("shadowBits must be in 0..16, got " + shadowBits);
      }
      if (traceFracBits < 0 || traceFracBits > 16) {
        throw new IllegalArgumentException("traceFracBits must be in 0..16, got " + traceFracBits);
      }
      if (roundingBits < 0 || roundingBits > 32) {
        throw new IllegalArgumentException("roundingBits must be in 0..32, got " + roundingBits);
      }
    }
  }

  public StdpConfig {
    sizes = sizes.clone();
    lrLog2 = lrLog2.clone();
    if (sizes.length != 3) {
      throw new IllegalArgumentException("an STDP network is inputs, recurrent hidden layer, classes: sizes "
          + Arrays.toString(sizes));
    }
    for (int s : sizes) {
      if (s < 1) {
        throw new IllegalArgumentException("sizes must be positive: " + Arrays.toString(sizes));
      }
    }
    if (timesteps < 1 || timesteps > 1024) {
      throw new IllegalArgumentException("timesteps must be in 1..1024, got " + timesteps);
    }
    if (lrLog2.length != 2) {
      throw new IllegalArgumentException("two learning-rate exponents (LTP, LTD), got " + lrLog2.length);
    }
    if (leakShift < 0 || leakShift > 15) {
      throw new IllegalArgumentException("leakShift must be in 0..15, got " + leakShift);
    }
    if (leakShiftMax < leakShift || leakShiftMax > 15) {
      throw new IllegalArgumentException("leakShiftMax must be in " + leakShift + "..15, got " + leakShiftMax);
    }
    if (weightBits < 2 || weightBits > 16) {
      throw new IllegalArgumentException("weightBits must be in 2..16, got " + weightBits);
    }
    if (membraneBits < weightBits || membraneBits > 32) {
      throw new IllegalArgumentException("membraneBits must be in " + weightBits + "..32, got " + membraneBits);
    }
    if (leakShiftMax > membraneBits - 1) {
      throw new IllegalArgumentException("leak shifts must be below the membrane width " + membraneBits + ", got "
          + leakShiftMax);
    }
    if (thresholdShift < 0 || thresholdShift > membraneBits - 2) {
      throw new IllegalArgumentException("thresholdShift must be in 0.." + (membraneBits - 2) + ", got "
          + thresholdShift);
    }
    if (maxDelay < 1 || maxDelay > 255) {
      throw new IllegalArgumentException("maxDelay must be in 1..255, got " + maxDelay);
    }
    if (stdpEpochs < 0) {
      throw new IllegalArgumentException("stdpEpochs must be at least 0, got " + stdpEpochs);
    }
    if (homeostasis == null) {
      throw new IllegalArgumentException("homeostasis is null: give StdpHomeostasis.NONE");
    }
    homeostasis.check(weightBits, timesteps);
    if (!(ridge > 0) || !Double.isFinite(ridge)) {
      throw new IllegalArgumentException("ridge must be a positive number, got " + ridge);
    }
  }

  /** The float form with the defaults (docs/learning.md Part IV §1). */
  public static StdpConfig floatForm(int[] sizes, long seed) {
    return new StdpConfig(sizes, DEFAULT_TIMESTEPS, false, StdpWindows.homogeneous(2, 2), 2, 2, 6, new int[] {-6, -6},
        1, 1, 1.0, seed, 8, 16, null, StdpHomeostasis.NONE);
  }

  /** The integer form with the defaults of {@link #floatForm}: E = 8, F = 6, HALF_EVEN. */
  public static StdpConfig intForm(int[] sizes, long seed) {
    return floatForm(sizes, seed).withIntParams(new IntParams(8, 6, 0));
  }

  @Override
  public int[] sizes() {
    return sizes.clone();
  }

  @Override
  public int[] lrLog2() {
    return lrLog2.clone();
  }

  public int inputs() {
    return sizes[0];
  }

  public int hidden() {
    return sizes[1];
  }

  public int classes() {
    return sizes[2];
  }

  /** Whether this is the integer form. */
  public boolean integer() {
    return intParams != null;
  }

  public StdpConfig withTimesteps(int t) {
    return new StdpConfig(sizes, t, pair, windows, leakShift, leakShiftMax, thresholdShift, lrLog2, maxDelay, stdpEpochs, ridge,
        seed, weightBits, membraneBits, intParams, homeostasis);
  }

  public StdpConfig withPair(boolean p) {
    return new StdpConfig(sizes, timesteps, p, windows, leakShift, leakShiftMax, thresholdShift, lrLog2, maxDelay, stdpEpochs,
        ridge, seed, weightBits, membraneBits, intParams, homeostasis);
  }

  public StdpConfig withWindows(StdpWindows w) {
    return new StdpConfig(sizes, timesteps, pair, w, leakShift, leakShiftMax, thresholdShift, lrLog2, maxDelay, stdpEpochs, ridge,
        seed, weightBits, membraneBits, intParams, homeostasis);
  }

  public StdpConfig withLeakShift(int k) {
    return new StdpConfig(sizes, timesteps, pair, windows, k, k, thresholdShift, lrLog2, maxDelay, stdpEpochs, ridge,
        seed, weightBits, membraneBits, intParams, homeostasis);
  }

  /** Every hidden neuron's leak shift drawn from {@code lo..hi} (heterogeneous membrane time constants). */
  public StdpConfig withLeakShifts(int lo, int hi) {
    return new StdpConfig(sizes, timesteps, pair, windows, lo, hi, thresholdShift, lrLog2, maxDelay, stdpEpochs,
        ridge, seed, weightBits, membraneBits, intParams, homeostasis);
  }

  /** Whether the hidden neurons' leak shifts are drawn per neuron. */
  public boolean heterogeneousLeaks() {
    return leakShiftMax > leakShift;
  }

  public StdpConfig withThresholdShift(int q) {
    return new StdpConfig(sizes, timesteps, pair, windows, leakShift, leakShiftMax, q, lrLog2, maxDelay, stdpEpochs, ridge, seed,
        weightBits, membraneBits, intParams, homeostasis);
  }

  /** LTP and LTD exponents. */
  public StdpConfig withLrLog2(int ltp, int ltd) {
    return new StdpConfig(sizes, timesteps, pair, windows, leakShift, leakShiftMax, thresholdShift, new int[] {ltp, ltd}, maxDelay,
        stdpEpochs, ridge, seed, weightBits, membraneBits, intParams, homeostasis);
  }

  public StdpConfig withMaxDelay(int d) {
    return new StdpConfig(sizes, timesteps, pair, windows, leakShift, leakShiftMax, thresholdShift, lrLog2, d, stdpEpochs, ridge,
        seed, weightBits, membraneBits, intParams, homeostasis);
  }

  public StdpConfig withStdpEpochs(int e) {
    return new StdpConfig(sizes, timesteps, pair, windows, leakShift, leakShiftMax, thresholdShift, lrLog2, maxDelay, e, ridge, seed,
        weightBits, membraneBits, intParams, homeostasis);
  }

  public StdpConfig withRidge(double r) {
    return new StdpConfig(sizes, timesteps, pair, windows, leakShift, leakShiftMax, thresholdShift, lrLog2, maxDelay, stdpEpochs, r,
        seed, weightBits, membraneBits, intParams, homeostasis);
  }

  public StdpConfig withWidths(int weight, int membrane) {
    return new StdpConfig(sizes, timesteps, pair, windows, leakShift, leakShiftMax, thresholdShift, lrLog2, maxDelay, stdpEpochs,
        ridge, seed, weight, membrane, intParams, homeostasis);
  }

  public StdpConfig withIntParams(IntParams p) {
    return new StdpConfig(sizes, timesteps, pair, windows, leakShift, leakShiftMax, thresholdShift, lrLog2, maxDelay, stdpEpochs,
        ridge, seed, weightBits, membraneBits, p, homeostasis);
  }

  public StdpConfig withHomeostasis(StdpHomeostasis h) {
    return new StdpConfig(sizes, timesteps, pair, windows, leakShift, leakShiftMax, thresholdShift, lrLog2, maxDelay, stdpEpochs,
        ridge, seed, weightBits, membraneBits, intParams, h);
  }

  /** The run's description for checkpoints and metrics (JSON-friendly values). */
  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", "stdp");
    m.put("precision", integer() ? "int" : "float");
    m.put("arch", Arrays.stream(sizes).boxed().toList());
    m.put("timesteps", timesteps);
    m.put("form", pair ? "pair" : "trace");
    m.put("windows", windows.describe());
    m.put("leakShift", leakShift);
    if (heterogeneousLeaks()) {
      m.put("leakShiftMax", leakShiftMax);
    }
    m.put("thresholdShift", thresholdShift);
    m.put("lrLog2", Arrays.stream(lrLog2).boxed().toList());
    m.put("maxDelay", maxDelay);
    m.put("stdpEpochs", stdpEpochs);
    m.put("ridge", ridge);
    m.put("seed", seed);
    m.put("weightBits", weightBits);
    m.put("membraneBits", membraneBits);
    if (homeostasis.active()) {
      m.put("homeostasis", homeostasis.describe());
    }
    if (integer()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("shadowBits", intParams.shadowBits());
      p.put("traceFracBits", intParams.traceFracBits());
      p.put("roundingBits", intParams.roundingBits());
      m.put("int", p);
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StdpConfig c && describe().equals(c.describe());
  }

  @Override
  public int hashCode() {
    return describe().hashCode();
  }

  @Override
  public String toString() {
    return describe().toString();
  }
}
