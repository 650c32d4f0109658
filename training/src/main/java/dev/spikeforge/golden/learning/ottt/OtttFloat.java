package dev.spikeforge.golden.learning.ottt;

/**
 * The float form of OTTT's per-step arithmetic (docs/learning.md Part III §2), in threshold units
 * (θ = 1).
 */
public final class OtttFloat {
  private OtttFloat() {}

  /** The triangular surrogate of ∂s/∂v at the membrane {@code v2} before the threshold: {@code max(0, 1 − |v2 − 1|)}. */
  public static double surrogate(double v2) {
    return Math.max(0.0, 1.0 - Math.abs(v2 - 1.0));
  }

  /**
   * The error at an output neuron, {@code ∂L_t/∂v_k = (z_k − y_k)·ψ_k}, of the instantaneous loss
   * {@code L_t = ½ Σ_k (z_k − y_k)²} with target {@code y_k} 1 for the label neuron, 0 for the others.
   */
  public static double outputDelta(boolean spike, boolean label, double psi) {
    return ((spike ? 1 : 0) - (label ? 1 : 0)) * psi;
  }

  /** The error at a hidden neuron, {@code ψ_j·Σ_k W_kj δ_k}, given {@code sum} = that sum over the next layer. */
  public static double hiddenDelta(double psi, double sum) {
    return psi * sum;
  }

  /** The presynaptic eligibility trace {@code â ← λ·â + s}. */
  public static double trace(double a, double lambda, boolean spike) {
    return lambda * a + (spike ? 1 : 0);
  }

  /** One weight step {@code W − η·δ·â}. */
  public static double step(double w, double eta, double delta, double trace) {
    return w - eta * (delta * trace);
  }
}
