package dev.spikeforge.golden.train.stdp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What keeps an STDP layer from saturating on dense input, all of it in weight space so that the
 * trained network is an ordinary network with one threshold per layer (docs/learning.md Part IV §2.1):
 *
 * <ul>
 *   <li><b>lateral inhibition</b>: the recurrent weights start at {@code −inhibition} weight LSBs
 *       instead of 0 (the diagonal stays 0), so a neuron's spike holds the others back at the next
 *       step (their delay); STDP then moves them like every recurrent weight;
 *   <li><b>rate homeostasis</b> (an adaptive threshold moved into the weights): after every learning
 *       sample, every incoming weight of neuron j, feed-forward and recurrent, falls by {@code
 *       (c_j − targetRate)·2^rateLog2} weight LSBs, c_j its spike count of the sample, so a neuron that
 *       fired more than the target needs more input to fire again and one that fired less needs less;
 *   <li><b>synaptic scaling</b>: after every learning sample (after the rate term), the sum of neuron
 *       j's feed-forward weights is pulled towards its target by subtracting {@code (S_j − S*_j)·2^−L}
 *       from each of them, {@code 2^L} the smallest power of two ≥ the number of inputs; the target
 *       {@code S*_j} starts at the initial sum and moves with the rate term only, so STDP redistributes
 *       a neuron's feed-forward weight (the inputs that fire with it gain what the others lose) instead
 *       of growing it.
 * </ul>
 *
 * @param inhibition W ≥ 0: initial recurrent weight −W (0: the recurrent weights start at 0)
 * @param targetRate R: spikes per sample a neuron is held to, or {@link #OFF} for no rate homeostasis
 * @param rateLog2 H: weight LSBs per spike of excess, {@code 2^H}
 * @param scaling whether synaptic scaling of the feed-forward weights is on
 */
public record StdpHomeostasis(int inhibition, int targetRate, int rateLog2, boolean scaling) {
  /** {@link #targetRate} of no rate homeostasis. */
  public static final int OFF = -1;
  /** Default H: a spike of excess moves every incoming weight by 2^−4 weight LSB. */
  public static final int DEFAULT_RATE_LOG2 = -4;
  /** No inhibition, no rate homeostasis, no scaling: the plain rule. */
  public static final StdpHomeostasis NONE = new StdpHomeostasis(0, OFF, DEFAULT_RATE_LOG2, false);

  /** The range of H, {@link #rateLog2}. */
  public static final int MIN_RATE_LOG2 = -16;
  /** The range of H, {@link #rateLog2}. */
  public static final int MAX_RATE_LOG2 = 4;

  public StdpHomeostasis {
    validate(inhibition, targetRate != OFF, targetRate, rateLog2, 32, Integer.MAX_VALUE);
  }

  /** Checks the fields against the weight width and T ({@link #validate}). */
  public void check(int weightBits, int timesteps) {
    validate(inhibition, rate(), targetRate, rateLog2, weightBits, timesteps);
  }

  /**
   * The one copy of the fields' ranges: 0 ≤ W ≤ the weights' largest positive value, 0 ≤ R ≤ T (a
   * neuron fires at most once per step; checked when {@code rate}), {@value #MIN_RATE_LOG2} ≤ H ≤
   * {@value #MAX_RATE_LOG2}. The CLI calls it before building the record and maps {@link
   * OutOfRange#field} to its option.
   *
   * @throws OutOfRange naming the first field outside its range
   */
  public static void validate(long inhibition, boolean rate, long targetRate, long rateLog2, int weightBits,
      int timesteps) {
    range("inhibition", inhibition, 0, (1L << (weightBits - 1)) - 1);
    if (rate) {
      range("targetRate", targetRate, 0, timesteps);
    }
    range("rateLog2", rateLog2, MIN_RATE_LOG2, MAX_RATE_LOG2);
  }

  /** A field outside its range: which field (the record component's name), its value and the range. */
  public static final class OutOfRange extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    /** The record component: {@code inhibition}, {@code targetRate} or {@code rateLog2}. */
    public final String field;
    /** The value given. */
    public final long value;
    /** The smallest value allowed. */
    public final long lo;
    /** The largest value allowed. */
    public final long hi;

    OutOfRange(String field, long value, long lo, long hi) {
      super(field + " must be in " + lo + ".." + hi + ", got " + value);
      this.field = field;
      this.value = value;
      this.lo = lo;
      this.hi = hi;
    }
  }

  private static void range(String field, long v, long lo, long hi) {
    if (v < lo || v > hi) {
      throw new OutOfRange(field, v, lo, hi);
    }
  }

  /** Whether rate homeostasis is on. */
  public boolean rate() {
    return targetRate != OFF;
  }

  /** Whether any term is on. */
  public boolean active() {
    return inhibition > 0 || rate() || scaling;
  }

  /** Whether anything happens after a learning sample. */
  boolean afterSample() {
    return rate() || scaling;
  }

  /** The smallest L with {@code 2^L ≥ inputs}: synaptic scaling's shift. */
  static int scalingShift(int inputs) {
    return inputs <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(inputs - 1);
  }

  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("inhibition", inhibition);
    if (rate()) {
      m.put("targetRate", targetRate);
      m.put("rateLog2", rateLog2);
    }
    m.put("scaling", scaling);
    return m;
  }
}
