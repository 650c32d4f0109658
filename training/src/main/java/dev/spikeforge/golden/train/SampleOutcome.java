package dev.spikeforge.golden.train;

/**
 * How one training sample went in the forward pass (before the update).
 *
 * @param prediction output neuron with the most spikes (lowest index on ties)
 * @param correct whether the label neuron held the unique maximum (desire backpropagation's rule)
 * @param loss the rule's loss of the sample (desire: mean over outputs of {@code |target − c/T_eff|})
 */
public record SampleOutcome(int prediction, boolean correct, double loss) {
  /**
   * The outcome of a spike-count readout: the first maximum of {@code counts} is the prediction, and
   * it is correct when the label holds the unique maximum.
   */
  public static SampleOutcome ofCounts(int[] counts, int label, double loss) {
    int best = 0;
    for (int k = 1; k < counts.length; k++) {
      if (counts[k] > counts[best]) {
        best = k;
      }
    }
    boolean unique = true;
    for (int k = 0; k < counts.length; k++) {
      if (k != label && counts[k] >= counts[label]) {
        unique = false;
      }
    }
    return new SampleOutcome(best, unique, loss);
  }
}
