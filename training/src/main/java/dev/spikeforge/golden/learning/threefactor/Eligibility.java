package dev.spikeforge.golden.learning.threefactor;

import dev.spikeforge.golden.numerics.Fx;

/**
 * κ-filtered eligibilities: per step, {@code ē ← κ·ē + ψ_j·trace}, where the trace is the
 * presynaptic trace x̄ (weight eligibility {@code e^W = ψ x̄}) or the delay trace ȳ (the delay
 * eligibility is {@code e^d = −W·ψ·ȳ}; the factor −W is applied at the update, where W is constant
 * within a sample). κ is the readout filter: the output estimate π is the κ-filtered output spike
 * train, so the same κ filters every eligibility (κ = 1: plain accumulation, π = spike count).
 */
public final class Eligibility {
  private Eligibility() {}

  /** Float: {@code κ·ē + ψ·trace}. */
  public static double accumulate(double ebar, double kappa, double psi, double trace) {
    return kappa * ebar + psi * trace;
  }

  /**
   * Integer: {@code sat_A(leak_kκ(ē) + ψ·trace)}: the product is exact (ψ has the surrogate LUT's
   * fraction bits, the trace its own), the sum saturates into the signed {@code width}-bit
   * accumulator.
   */
  public static long accumulate(long ebar, int kappaShift, int psi, long trace, int width) {
    return Fx.saturate(Fx.leak(ebar, kappaShift) + (long) psi * trace, width, true);
  }
}
