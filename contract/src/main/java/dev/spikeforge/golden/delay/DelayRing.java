package dev.spikeforge.golden.delay;

/**
 * The ring of pending synaptic currents of one layer (docs/numerics.md, section 3): a spike that
 * reaches its target {@code d} steps later is added into slot {@code (t + d) mod R} and the neuron
 * update of step {@code t} consumes slot {@code t mod R}. The golden model's integer simulator
 * ({@code sim.IntSimulator}) uses these two functions; the hardware twin is hw-gen's
 * {@code DelaySlotUnit} (slot arithmetic) inside the pending-current memories of each lane.
 */
public final class DelayRing {
  private DelayRing() {}

  /**
   * Number of slots R: {@code max(1, maxDelay) + 1} when the layer has delays or recurrence (a
   * recurrent spike lands at least one step later), else 1.
   */
  public static int slots(int maxDelay, boolean delaysOrRecurrence) {
    return delaysOrRecurrence ? Math.max(1, maxDelay) + 1 : 1;
  }

  /**
   * The slot of a current delayed by {@code delay} steps, seen from the slot {@code stepSlot} of the
   * current step: {@code (stepSlot + delay) mod slots}, for {@code 0 <= stepSlot < slots} and
   * {@code 0 <= delay < slots} (one conditional subtraction, as in hardware).
   */
  public static int slot(int stepSlot, int delay, int slots) {
    int s = stepSlot + delay;
    return s >= slots ? s - slots : s;
  }
}
