package dev.spikeforge.golden.learning.threefactor;

/**
 * The output error {@code δ_k = π_k − π*_k} with a target region instead of a target point (a
 * hinge): the label neuron is wrong only while its estimate π is below {@code on}, every other
 * output only while its π is above {@code off}. Then {@code δ = min(0, π − on)} for the label and
 * {@code δ = max(0, π − off)} otherwise; it is the gradient of {@code ½ Σ_k δ_k²}. π is the
 * κ-filtered output spike train at the last step (κ = 1: the spike count the SPIKE_COUNT readout
 * decides on), so a sample that meets both targets is classified correctly and uniquely.
 */
public final class OutputError {
  private OutputError() {}

  /** Float δ. */
  public static double delta(double pi, boolean label, double on, double off) {
    return label ? Math.min(0, pi - on) : Math.max(0, pi - off);
  }

  /** Integer δ; {@code pi}, {@code on} and {@code off} share the same fraction bits. */
  public static long delta(long pi, boolean label, long on, long off) {
    return label ? Math.min(0, pi - on) : Math.max(0, pi - off);
  }

  /** Float δ for every output: {@code pi[k]} against the label. */
  public static double[] deltas(double[] pi, int label, double on, double off) {
    double[] d = new double[pi.length];
    for (int k = 0; k < pi.length; k++) {
      d[k] = delta(pi[k], k == label, on, off);
    }
    return d;
  }

  /** Integer δ for every output. */
  public static long[] deltas(long[] pi, int label, long on, long off) {
    long[] d = new long[pi.length];
    for (int k = 0; k < pi.length; k++) {
      d[k] = delta(pi[k], k == label, on, off);
    }
    return d;
  }
}
