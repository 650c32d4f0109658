package dev.spikeforge.golden.spec;

/**
 * Readout of the last layer.
 *
 * <p>Ties are broken towards the lowest neuron index in both modes. In FIRST_TO_FIRE mode, if no
 * neuron reaches {@code decisionCount} within T steps, the decision falls back to SPIKE_COUNT over
 * all T steps and the decision step is T.
 *
 * @param mode SPIKE_COUNT or FIRST_TO_FIRE
 * @param decisionCount FIRST_TO_FIRE: spikes an output needs to decide, 1..255 (1 = first spike);
 *     ignored (must be 1) for SPIKE_COUNT
 */
public record ReadoutSpec(ReadoutMode mode, int decisionCount) {
  public ReadoutSpec {
    SpecException.check(mode != null, "mode", "missing; one of SPIKE_COUNT, FIRST_TO_FIRE");
    SpecException.inRange(decisionCount, 1, mode == ReadoutMode.SPIKE_COUNT ? 1 : 255, "decisionCount",
        mode == ReadoutMode.SPIKE_COUNT ? "only used by FIRST_TO_FIRE; leave it at 1" : "");
  }

  public static ReadoutSpec spikeCount() {
    return new ReadoutSpec(ReadoutMode.SPIKE_COUNT, 1);
  }

  public static ReadoutSpec firstToFire(int decisionCount) {
    return new ReadoutSpec(ReadoutMode.FIRST_TO_FIRE, decisionCount);
  }
}
