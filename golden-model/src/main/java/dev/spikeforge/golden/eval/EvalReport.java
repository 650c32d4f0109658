package dev.spikeforge.golden.eval;

/**
 * Results of running a network over a dataset.
 *
 * @param model "int" (golden model) or "float" (reference)
 * @param samples number of samples
 * @param correct samples whose label neuron held the unique decision
 * @param predictions decided class per sample, in dataset order
 * @param decisionSteps steps simulated per sample
 * @param meanSpikesPerLayer mean spikes per sample, per layer
 * @param meanInputSpikes mean input spikes per sample
 * @param synapticOps total synaptic events
 * @param seconds wall-clock time of the simulation (encoding included)
 * @param threads threads used
 */
public record EvalReport(
    String model,
    int samples,
    int correct,
    int[] predictions,
    int[] decisionSteps,
    double[] meanSpikesPerLayer,
    double meanInputSpikes,
    long synapticOps,
    double seconds,
    int threads) {

  public double accuracy() {
    return samples == 0 ? 0 : correct / (double) samples;
  }

  public double meanDecisionStep() {
    long s = 0;
    for (int d : decisionSteps) {
      s += d;
    }
    return samples == 0 ? 0 : s / (double) samples;
  }

  public double samplesPerSecond() {
    return samples / Math.max(seconds, 1e-9);
  }

  /** Mean synaptic events per sample. */
  public double synapticOpsPerSample() {
    return samples == 0 ? 0 : synapticOps / (double) samples;
  }

  public double synapticOpsPerSecond() {
    return synapticOps / Math.max(seconds, 1e-9);
  }

  /** Fraction of samples on which this and another report predict the same class. */
  public double agreement(EvalReport other) {
    if (other.samples != samples) {
      throw new IllegalArgumentException("reports cover different sample counts");
    }
    int same = 0;
    for (int i = 0; i < samples; i++) {
      same += predictions[i] == other.predictions[i] ? 1 : 0;
    }
    return samples == 0 ? 1 : same / (double) samples;
  }
}
