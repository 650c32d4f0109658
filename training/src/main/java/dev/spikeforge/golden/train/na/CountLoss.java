package dev.spikeforge.golden.train.na;

/**
 * NA's loss (docs/learning.md Part V §3): the softmax cross-entropy of the logits {@code z_k = β·c_k},
 * c_k the spike count of output neuron k over the sample, against the label:
 * {@code L = log Σ_k exp(β·c_k) − β·c_label}. Exact differences for a change of one count are what the
 * output layer's neighbourhood aggregates.
 */
final class CountLoss {
  private final double beta;
  private final int[] counts;
  private final int label;
  private final double max;
  private final double sum;
  private final double loss;

  CountLoss(double beta, int[] counts, int label) {
    this.beta = beta;
    this.counts = counts.clone();
    this.label = label;
    double m = Double.NEGATIVE_INFINITY;
    for (int c : counts) {
      m = Math.max(m, beta * c);
    }
    double s = 0;
    for (int c : counts) {
      s += Math.exp(beta * c - m);
    }
    max = m;
    sum = s;
    loss = m + Math.log(s) - beta * counts[label];
  }

  /** L of the recorded counts. */
  double loss() {
    return loss;
  }

  /** {@code L(c + dc·e_k) − L(c)}, exactly 0 for {@code dc = 0}. */
  double change(int k, int dc) {
    if (dc == 0) {
      return 0;
    }
    double s = sum - Math.exp(beta * counts[k] - max) + Math.exp(beta * (counts[k] + dc) - max);
    double after = max + Math.log(s) - beta * (counts[label] + (k == label ? dc : 0));
    return after - loss;
  }
}
