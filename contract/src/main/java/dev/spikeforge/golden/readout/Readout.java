package dev.spikeforge.golden.readout;

/**
 * Decision rules over output spike counts, shared by the golden model's integer and float
 * simulators and its training loops, and twinned by hw-gen's {@code ReadoutUnit}. Ties go to the
 * lowest index.
 */
public final class Readout {
  private Readout() {}

  /** Index of the largest count, lowest index on ties. */
  public static int argmax(int[] counts) {
    int best = 0;
    for (int k = 1; k < counts.length; k++) {
      if (counts[k] > counts[best]) {
        best = k;
      }
    }
    return best;
  }

  /** Whether the maximum count is held by exactly one neuron. */
  public static boolean uniqueMax(int[] counts) {
    int best = argmax(counts);
    for (int k = 0; k < counts.length; k++) {
      if (k != best && counts[k] == counts[best]) {
        return false;
      }
    }
    return true;
  }

  /**
   * FIRST_TO_FIRE check after a step: the lowest index among the neurons that spiked in this step
   * and whose count has now reached {@code decisionCount}, or -1 if none. {@code spiked} holds the
   * sorted indices of this step's output spikes.
   */
  public static int firstToReach(int[] counts, int[] spiked, int spikedLength, int decisionCount) {
    for (int k = 0; k < spikedLength; k++) {
      if (counts[spiked[k]] >= decisionCount) {
        return spiked[k];
      }
    }
    return -1;
  }

  /** Number of spiking neurons that reached {@code decisionCount} this step. */
  public static int reachedCount(int[] counts, int[] spiked, int spikedLength, int decisionCount) {
    int n = 0;
    for (int k = 0; k < spikedLength; k++) {
      if (counts[spiked[k]] >= decisionCount) {
        n++;
      }
    }
    return n;
  }
}
