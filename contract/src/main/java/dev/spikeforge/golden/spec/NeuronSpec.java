package dev.spikeforge.golden.spec;

import dev.spikeforge.golden.numerics.Fx;

/**
 * Integer LIF neuron parameters of one layer.
 *
 * @param membraneWidth width in bits of the signed membrane potential (2..32)
 * @param threshold firing threshold, in membrane LSBs, 1..2^(membraneWidth-1)-1
 * @param leakShift k of the leak {@code v - (v >> k)}; 0 means no leak; 0..membraneWidth-1
 * @param reset what the membrane becomes after a spike
 */
public record NeuronSpec(int membraneWidth, long threshold, int leakShift, ResetMode reset) {
  /** Widest membrane the hardware and the golden model's int state support. */
  public static final int MAX_MEMBRANE_WIDTH = 32;

  public NeuronSpec {
    SpecException.inRange(membraneWidth, 2, MAX_MEMBRANE_WIDTH, "membraneWidth", "");
    SpecException.inRange(
        threshold, 1, Fx.max(membraneWidth, true), "threshold",
        "must be positive and fit the signed " + membraneWidth + "-bit membrane");
    SpecException.inRange(leakShift, 0, membraneWidth - 1, "leakShift", "0 = no leak");
    SpecException.check(reset != null, "reset", "missing; one of SUBTRACT, ZERO");
  }

  public long membraneMin() {
    return Fx.min(membraneWidth, true);
  }

  public long membraneMax() {
    return Fx.max(membraneWidth, true);
  }
}
