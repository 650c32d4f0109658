package dev.spikeforge.golden.train.ottt;

import dev.spikeforge.golden.learning.ottt.OtttIntParams;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that determines an OTTT run's bits (docs/learning.md Part III §1).
 *
 * @param sizes the architecture, input size then layer sizes, e.g. {@code {784, 128, 10}}
 * @param timesteps T, steps per sample
 * @param leakShift k of the membrane leak and of the traces, {@code λ = 1 − 2^−k}
 * @param recurrent whether every hidden layer (not the output layer) has recurrent weights (delay 1)
 * @param lrLog2 per layer: the learning rate is {@code 2^lrLog2[l]}
 * @param seed seed of the Kaiming-normal initialisation and of the rounding bits
 * @param intParams the integer form's widths, or null for the float form
 */
public record OtttConfig(int[] sizes, int timesteps, int leakShift, boolean recurrent, int[] lrLog2, long seed,
    OtttIntParams intParams) {
  /** Default T: the desire rule's, 20 steps. */
  public static final int DEFAULT_TIMESTEPS = 20;
  /** Default leak shift: λ = 0.75, as desire backpropagation. */
  public static final int DEFAULT_LEAK_SHIFT = 2;
  /** Default log2 of the learning rate of every layer. */
  public static final int DEFAULT_LR_LOG2 = -10;

  public OtttConfig {
    sizes = sizes.clone();
    lrLog2 = lrLog2.clone();
    if (sizes.length < 2) {
      throw new IllegalArgumentException("an OTTT network has at least one layer: sizes " + Arrays.toString(sizes));
    }
    if (lrLog2.length != sizes.length - 1) {
      throw new IllegalArgumentException("one learning-rate exponent per layer: " + (sizes.length - 1) + " layers, "
          + lrLog2.length + " exponents");
    }
    if (timesteps < 1 || timesteps > 1024) {
      throw new IllegalArgumentException("timesteps must be in 1..1024, got " + timesteps);
    }
    if (leakShift < 0 || leakShift > 15) {
      throw new IllegalArgumentException("leakShift must be in 0..15, got " + leakShift);
    }
    if (recurrent && sizes.length < 3) {
      throw new IllegalArgumentException("a recurrent network needs a hidden layer: sizes " + Arrays.toString(sizes));
    }
    for (int e : lrLog2) {
      if (e < -40 || e > 0) {
        throw new IllegalArgumentException("learning-rate exponents must be in -40..0, got " + e);
      }
    }
    if (intParams != null && intParams.thresholdShifts().length != sizes.length - 1) {
      throw new IllegalArgumentException("one threshold shift per layer: " + (sizes.length - 1) + " layers, "
          + intParams.thresholdShifts().length + " shifts");
    }
  }

  /** The float form with the defaults: T = 20, k = 2, feedforward, rate 2^−10 in every layer. */
  public static OtttConfig floatForm(int[] sizes, long seed) {
    return new OtttConfig(sizes, DEFAULT_TIMESTEPS, DEFAULT_LEAK_SHIFT, false, uniform(sizes, DEFAULT_LR_LOG2), seed,
        null);
  }

  /** The integer form with the defaults of {@link #floatForm} and {@link OtttIntParams#defaults}. */
  public static OtttConfig intForm(int[] sizes, int weightBits, long seed) {
    return floatForm(sizes, seed).withIntParams(OtttIntParams.defaults(sizes, weightBits));
  }

  private static int[] uniform(int[] sizes, int e) {
    int[] a = new int[sizes.length - 1];
    Arrays.fill(a, e);
    return a;
  }

  @Override
  public int[] sizes() {
    return sizes.clone();
  }

  @Override
  public int[] lrLog2() {
    return lrLog2.clone();
  }

  /** Number of layers. */
  public int layers() {
    return sizes.length - 1;
  }

  /** Whether layer {@code l} has recurrent weights. */
  public boolean recurrentLayer(int l) {
    return recurrent && l < layers() - 1;
  }

  /** Whether this is the integer form. */
  public boolean integer() {
    return intParams != null;
  }

  public OtttConfig withTimesteps(int t) {
    return new OtttConfig(sizes, t, leakShift, recurrent, lrLog2, seed, intParams);
  }

  public OtttConfig withLeakShift(int k) {
    return new OtttConfig(sizes, timesteps, k, recurrent, lrLog2, seed, intParams);
  }

  public OtttConfig withRecurrent(boolean r) {
    return new OtttConfig(sizes, timesteps, leakShift, r, lrLog2, seed, intParams);
  }

  /** One exponent for every layer, or one per layer. */
  public OtttConfig withLrLog2(int... e) {
    return new OtttConfig(sizes, timesteps, leakShift, recurrent, e.length == 1 ? uniform(sizes, e[0]) : e, seed,
        intParams);
  }

  public OtttConfig withIntParams(OtttIntParams p) {
    return new OtttConfig(sizes, timesteps, leakShift, recurrent, lrLog2, seed, p);
  }

  /** The run's description for checkpoints and metrics (JSON-friendly values). */
  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", "ottt");
    m.put("precision", integer() ? "int" : "float");
    m.put("arch", Arrays.stream(sizes).boxed().toList());
    m.put("timesteps", timesteps);
    m.put("leakShift", leakShift);
    m.put("recurrent", recurrent);
    m.put("lrLog2", Arrays.stream(lrLog2).boxed().toList());
    m.put("seed", seed);
    if (integer()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("weightBits", intParams.weightBits());
      p.put("shadowBits", intParams.shadowBits());
      p.put("membraneBits", intParams.membraneBits());
      p.put("traceFracBits", intParams.traceFracBits());
      p.put("deltaBits", intParams.deltaBits());
      p.put("thresholdShifts", Arrays.stream(intParams.thresholdShifts()).boxed().toList());
      p.put("roundingBits", intParams.roundingBits());
      m.put("int", p);
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OtttConfig c && Arrays.equals(c.sizes, sizes) && c.timesteps == timesteps
        && c.leakShift == leakShift && c.recurrent == recurrent && Arrays.equals(c.lrLog2, lrLog2) && c.seed == seed
        && Objects.equals(c.intParams, intParams);
  }

  @Override
  public int hashCode() {
    return List.of(Arrays.hashCode(sizes), timesteps, leakShift, recurrent, Arrays.hashCode(lrLog2), seed,
        Objects.hashCode(intParams)).hashCode();
  }

  @Override
  public String toString() {
    return describe().toString();
  }
}
