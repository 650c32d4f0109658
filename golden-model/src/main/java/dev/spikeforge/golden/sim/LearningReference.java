package dev.spikeforge.golden.sim;

import java.math.BigInteger;

/**
 * The golden model of on-chip learning as a learning verifier reads it: a learning rule trained one
 * sample at a time (docs/learning.md §3–4), seen through the learning core's memories. The training
 * module's {@code DesireLearningReference} implements it; testbenches' {@code LearningVerifier} reads it
 * without depending on training.
 */
public interface LearningReference {
  /** Trains one sample exactly as the trainer does, and returns its output spike counts (with dropout). */
  int[] learn(SpikeRaster input, int label, int epoch, long position);

  /** Layer l's feedforward weight memory image now (the compiler's words for the current shadow weights). */
  BigInteger[] memoryWords(int layer);

  /** The 32-bit LFSR state the dropout masks of (epoch, position) start from. */
  int dropoutState(int epoch, long position);

  /** The 32-bit LFSR state layer l's stochastic-rounding draws of (epoch, position) start from. */
  int roundingState(int layer, int epoch, long position);

  /** The learning-rate exponent s(e) of the epoch. */
  int rateExponent(int epoch);
}
