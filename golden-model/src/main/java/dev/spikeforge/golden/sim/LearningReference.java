package dev.spikeforge.golden.sim;

import java.math.BigInteger;

/**
 * The golden model of on-chip learning as a learning verifier reads it: a learning rule trained one
 * sample at a time, seen through the learning core's memories. The training module's {@code
 * DesireLearningReference} (docs/learning.md §3–4) and {@code ThreeFactorLearningReference} (Part II §9)
 * implement it; testbenches' {@code LearningVerifier} reads it without depending on training.
 */
public interface LearningReference {
  /** Trains one sample exactly as the trainer does, and returns its output spike counts (with dropout). */
  int[] learn(SpikeRaster input, int label, int epoch, long position);

  /** Layer l's feedforward weight memory image now (the compiler's words for the current shadow weights). */
  BigInteger[] memoryWords(int layer);

  /**
   * Layer l's learned delays that live in a memory of their own (the axonal shadow delays of a three-factor
   * core, one word per input), or null when the layer has none (no delays, or delays in the weight words).
   */
  default BigInteger[] delayWords(int layer) {
    return null;
  }

  /**
   * Layer l's recurrent weight memory image now (a three-factor core's recurrent shadow weights, and with
   * recurrent delays its recurrent shadow delays), or null when the layer has no learned recurrent synapses.
   */
  default BigInteger[] recurrentWords(int layer) {
    return null;
  }

  /**
   * The 32-bit LFSR state the dropout masks of (epoch, position) start from; 0 for a rule that draws no
   * dropout masks (its training command has no such field). Abstract, so that a rule says so itself.
   */
  int dropoutState(int epoch, long position);

  /**
   * The 32-bit LFSR state a three-factor unit's random feedback matrix is drawn from ({@code Lfsr.seeded(seed,
   * RandomFeedback.STREAM)}, a constant of the trained network), which the host sends with every training sample
   * in the place of the dropout state; 0 for a rule without random feedback.
   */
  default int feedbackState() {
    return 0;
  }

  /** The 32-bit LFSR state layer l's stochastic-rounding draws of (epoch, position) start from. */
  int roundingState(int layer, int epoch, long position);

  /**
   * The learning-rate exponent s(e) of the epoch; 0 for a rule whose rates are constants of the unit (its
   * training command has no rate field). Abstract, so that a rule says so itself.
   */
  int rateExponent(int epoch);
}
