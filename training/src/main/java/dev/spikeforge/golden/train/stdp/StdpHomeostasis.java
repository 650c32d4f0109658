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

  public StdpHomeostasis {
    if (inhibition < 0) {
      throw new IllegalArgumentException("inhibition must be at least 0, got " + inhibition);
    }
    if (targetRate < OFF) {
      throw new IllegalArgumentException("targetRate must be at least 0 (or OFF), got " + targetRate);
    }
    if (rateLog2 < -16 || rateLog2 > 4) {
      throw new IllegalArgumentException("rateLog2 must be in -16..4, got " + rateLog2);
    }
  }

  /** Checks the fields against the weight width and T. */
  void check(int weightBits, int timesteps) {
    long max = (1L << (weightBits - 1)) - 1;
    if (inhibition > max) {
      throw new IllegalArgumentException("inhibition " + inhibition + " does not fit " + weightBits
          + "-bit weights (at most " + max + ")");
    }
    if (targetRate > timesteps) {
      throw new IllegalArgumentException("targetRate " + targetRate + " is above T = " + timesteps
          + " (a neuron fires at most once per step)");
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
