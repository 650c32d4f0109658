package dev.spikeforge.compiler.quantize;

import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.spec.NeuronSpec;

/**
 * Maps a multiplicative leak {@code lambda} in (0, 1] to the integer leak shift {@code k} of {@code
 * v - (v >> k)}, whose decay factor is {@code 1 - 2^-k} ({@code k = 0}: no leak, factor 1).
 */
final class LeakShift {
  /** Largest shift any membrane supports ({@code k <= membraneWidth - 1}). */
  static final int MAX_SHIFT = NeuronSpec.MAX_MEMBRANE_WIDTH - 1;

  private LeakShift() {}

  /** The decay factor of shift {@code k}: {@code 1} for {@code k = 0}, else {@code 1 - 2^-k} (exact). */
  static double factor(int k) {
    return FloatLayer.decay(k);
  }

  /**
   * The shift in {@code 0..maxShift} whose factor is nearest to {@code lambda}; on a tie, the
   * smaller shift. Exact when {@code lambda} is itself such a factor.
   */
  static int nearest(double lambda, int maxShift) {
    int best = 0;
    double bestErr = Math.abs(lambda - factor(0));
    for (int k = 1; k <= maxShift; k++) {
      double err = Math.abs(lambda - factor(k));
      if (err < bestErr) {
        best = k;
        bestErr = err;
      }
    }
    return best;
  }
}
