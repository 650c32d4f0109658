package dev.spikeforge.golden.learning.threefactor;

/**
 * The float surrogate derivative of the spike function, used only inside eligibilities (the
 * forward pass keeps the hard threshold): {@code ψ(u) = exp(−u² / (2σ²))} with {@code u = v − θ}
 * the pre-reset membrane minus the threshold, in membrane units. The factor γ/θ of the reference
 * form {@code (γ/θ)·exp(…)} is folded into the learning rates, so ψ peaks at 1 at the threshold.
 *
 * @param sigma width σ in membrane units, positive
 */
public record GaussianSurrogate(double sigma) {
  public GaussianSurrogate {
    if (!(sigma > 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("surrogate sigma must be positive, got " + sigma);
    }
  }

  /** ψ at {@code u = v − θ}. */
  public double psi(double u) {
    return Math.exp(-u * u / (2 * sigma * sigma));
  }
}
