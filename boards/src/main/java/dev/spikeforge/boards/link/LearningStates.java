package dev.spikeforge.boards.link;

/**
 * Where the values of a TRAIN frame come from: the golden reference of the learning run (the training
 * module's {@code DesireLearningReference} has these three methods; docs/learning.md §4: the host sends
 * the LFSR start states, the board never seeds an LFSR itself), so a board learns exactly the samples
 * the golden model learns at the same (epoch, position).
 */
public interface LearningStates {
  /** The learning-rate exponent s(e) of epoch {@code epoch}. */
  int rateExponent(int epoch);

  /** The 32-bit LFSR state the dropout masks of sample (epoch, position) start from. */
  int dropoutState(int epoch, long position);

  /** The 32-bit LFSR state layer {@code layer}'s stochastic-rounding draws of (epoch, position) start from. */
  int roundingState(int layer, int epoch, long position);
}
