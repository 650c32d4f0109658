package dev.spikeforge.golden.learning;

/**
 * Desire backpropagation, floating-point form: pure functions, one per equation of {@code
 * docs/learning.md} §2. Weight matrices are flat and <em>input-major</em> ({@code w[i·out + j]} is
 * the weight from input {@code i} to neuron {@code j}), the layout of the event-driven forward pass.
 *
 * <p>Per sample: (1) forward pass with LIF neurons and presynaptic traces; (2) {@link #outputDesire
 * ternary desire} of each output neuron from its spike count; (3) desires of the hidden layers,
 * backwards, from the {@link #desireSum desire sums} of the layer above with the weights as they were
 * during the forward pass, through {@link #hiddenDesire}, with no activation-derivative factor; (4)
 * for every neuron with a desire, at every one of its spikes, the presynaptic traces are added (desire
 * +1) or subtracted (desire −1), scaled by the learning rate: {@link #updatedWeight}.
 */
public final class DesireBackprop {
  /** Firing threshold θ of every float neuron; weights are in units of θ. */
  public static final double THRESHOLD = 1.0;

  private DesireBackprop() {}

  /**
   * One LIF step of the float form: {@code v1 = λ v + I}; the neuron fires when {@code v1 ≥ θ} and
   * it is not dropped; a spike subtracts θ. Returns the new membrane; the caller reads the spike as
   * {@code fires(λ v + I, keep)}.
   */
  public static double membraneAfter(double integrated, boolean spike) {
    return spike ? integrated - THRESHOLD : integrated;
  }

  /** Fire decision on the integrated membrane {@code v1 = λ v + I}: {@code v1 ≥ θ} and not dropped. */
  public static boolean fires(double integrated, boolean keep) {
    return integrated >= THRESHOLD && keep;
  }

  /** Presynaptic trace step {@code x' = λ x + s}. */
  public static double traceStep(double x, double lambda, boolean spike) {
    return lambda * x + (spike ? 1.0 : 0.0);
  }

  /**
   * Ternary desire of one output neuron from its spike count {@code c}: the label neuron wants to
   * spike more (+1) when {@code 1 − c/T_eff > threshold}; any other neuron wants to spike less (−1)
   * when {@code c/T_eff > threshold}; else 0. Evaluated without rounding error as {@code T_eff − c >
   * threshold·T_eff} and {@code c > threshold·T_eff} (for T_eff = 16, the reference, both forms are exact).
   */
  public static int outputDesire(int count, boolean isLabel, int tEff, double threshold) {
    double limit = threshold * tEff;
    if (isLabel) {
      return tEff - count > limit ? 1 : 0;
    }
    return count > limit ? -1 : 0;
  }

  /**
   * Error of a neuron with desire {@code d}: {@code ε = |target − c/T_eff|} with target 1 for d = +1
   * and 0 otherwise (the value is only used multiplied by d).
   */
  public static double error(int count, int desire, int tEff) {
    return Math.abs((desire > 0 ? 1.0 : 0.0) - count / (double) tEff);
  }

  /** Ternary desire of a hidden neuron from its desire sum {@code a}: {@code sign(a)} if {@code |a| ≥ threshold}, else 0. */
  public static int hiddenDesire(double sum, double threshold) {
    if (Math.abs(sum) < threshold) {
      return 0;
    }
    return sum > 0 ? 1 : -1;
  }

  /**
   * The desire sum of input {@code i} of a layer: {@code a_i = Σ_j W_ji · g_j} with {@code g_j = d_j
   * ε_j}, summed over the {@code n} neurons listed in {@code js} in that (ascending) order; neurons
   * with {@code g_j = 0} contribute nothing and may be left out of the list.
   *
   * @param w input-major weights of the layer, {@code out} neurons per input row
   */
  public static double desireSum(float[] w, int out, int i, double[] g, int[] js, int n) {
    int row = i * out;
    double a = 0;
    for (int k = 0; k < n; k++) {
      int j = js[k];
      a += w[row + j] * g[j];
    }
    return a;
  }

  /**
   * Weight after one sample's update: {@code w' = w + η · (d · U)}, where {@code U = Σ_t s_j[t] ·
   * x_i[t]} sums the presynaptic trace over the spikes of the post-neuron, in ascending t. Weights are
   * stored as {@code float} (like the authors' float32 tensors): the sum is rounded once to float.
   */
  public static float updatedWeight(float w, double eta, int desire, double u) {
    return (float) (w + eta * (desire * u));
  }

  /** Dropout rescale of the float form: surviving spikes count {@code 1/(1 − p)} during training. */
  public static double dropoutScale(double p) {
    return 1.0 / (1.0 - p);
  }

  // ---- binarized layers (straight-through estimator), docs/learning.md §11 ----

  /**
   * α of a binarized layer: the mean {@code |w|} of its latent weights, summed in index order in
   * double precision and rounded to float32 (so that {@code ±α} are float32 weights like the others).
   */
  public static float binarizedAlpha(float[] latent) {
    double sum = 0;
    for (float w : latent) {
      sum += Math.abs(w);
    }
    return (float) (latent.length == 0 ? 0.0 : sum / latent.length);
  }

  /** Forward weight of a latent weight in a binarized layer: {@code α·sign(w)}, sign(0) = +1. */
  public static float binarizedWeight(float latent, float alpha) {
    return latent >= 0 ? alpha : -alpha;
  }
}
