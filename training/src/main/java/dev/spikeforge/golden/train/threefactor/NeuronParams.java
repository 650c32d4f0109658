package dev.spikeforge.golden.train.threefactor;

/**
 * LIF parameters of one layer, shared by both forms (the float form works in the integer form's
 * units: threshold and weights are the same numbers, the leak is {@code 1 − 2^−leakShift}).
 *
 * @param threshold θ in membrane units
 * @param leakShift k, 0 = no leak
 * @param membraneWidth signed membrane width M (integer form)
 * @param weightWidth signed weight width (both forms clip weights to its range)
 */
public record NeuronParams(long threshold, int leakShift, int membraneWidth, int weightWidth) {
  public NeuronParams {
    if (threshold < 1 || leakShift < 0 || membraneWidth < 2 || membraneWidth > 32 || leakShift >= membraneWidth
        || weightWidth < 2 || weightWidth > 16 || threshold >= (1L << (membraneWidth - 1))) {
      throw new IllegalArgumentException("invalid neuron parameters: threshold " + threshold + ", leakShift "
          + leakShift + ", membraneWidth " + membraneWidth + ", weightWidth " + weightWidth);
    }
  }

  /** α = 1 − 2^−k (1 for k = 0), as the float simulators compute it. */
  public double alpha() {
    return leakShift == 0 ? 1.0 : 1.0 - Math.scalb(1.0, -leakShift);
  }

  public int weightMin() {
    return -(1 << (weightWidth - 1));
  }

  public int weightMax() {
    return (1 << (weightWidth - 1)) - 1;
  }
}
