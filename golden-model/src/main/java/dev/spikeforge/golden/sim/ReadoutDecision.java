package dev.spikeforge.golden.sim;

import dev.spikeforge.golden.readout.Readout;
import dev.spikeforge.golden.spec.ReadoutMode;
import dev.spikeforge.golden.spec.ReadoutSpec;

/**
 * The readout's decision over one simulated sample, shared by {@link IntSimulator} and {@link
 * FloatSimulator}: FIRST_TO_FIRE decides at the first step an output neuron reaches the decision
 * count ({@link Readout#firstToReach}); otherwise, or if none does by the last step, the arg-max of
 * the counts ({@link Readout#argmax}).
 */
final class ReadoutDecision {
  private final boolean firstToFire;
  private final int decisionCount;
  private final int timesteps;
  private int decided = -1;
  private boolean unique;
  private int stepsRun;

  ReadoutDecision(ReadoutSpec readout, int timesteps) {
    this.firstToFire = readout.mode() == ReadoutMode.FIRST_TO_FIRE;
    this.decisionCount = readout.decisionCount();
    this.timesteps = timesteps;
    this.stepsRun = timesteps;
  }

  /**
   * Called after the output spikes of step t ({@code out[0..outLen)}) are added to {@code counts}:
   * whether the readout has decided at this step (the simulation stops).
   */
  boolean decidedAt(int t, int[] counts, int[] out, int outLen) {
    if (!firstToFire) {
      return false;
    }
    int first = Readout.firstToReach(counts, out, outLen, decisionCount);
    if (first < 0) {
      return false;
    }
    decided = first;
    unique = Readout.reachedCount(counts, out, outLen, decisionCount) == 1;
    stepsRun = t + 1;
    return true;
  }

  /** The result of the sample, with the counts and statistics of the run. */
  SimResult result(int[] counts, long[] layerSpikes, long inputSpikes, long ops) {
    boolean early = decided >= 0 && stepsRun < timesteps;
    int prediction = decided;
    boolean uniqueDecision = unique;
    if (prediction < 0) {
      prediction = Readout.argmax(counts);
      uniqueDecision = Readout.uniqueMax(counts);
    }
    return new SimResult(prediction, uniqueDecision, stepsRun, early, counts, layerSpikes, inputSpikes, ops);
  }
}
