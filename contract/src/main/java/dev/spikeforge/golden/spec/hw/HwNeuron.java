package dev.spikeforge.golden.spec.hw;

import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.SpecException;

/**
 * The widths of one integer LIF neuron update ({@code Lif.step}) in hardware: everything the LIF
 * datapath of a layer (hw-gen {@code LifNeuronUnit}, {@code LifNeuronPipe}) is elaborated from.
 * {@link HwLayer#neuron()} gives a layer's; tests build one directly for narrow widths.
 *
 * @param membraneWidth M, signed membrane bits, 2..{@link NeuronSpec#MAX_MEMBRANE_WIDTH}
 * @param currentWidth C, signed bits of the exact synaptic current of one step, 1..{@code Fx.MAX_WIDTH - 1}
 */
public record HwNeuron(int membraneWidth, int currentWidth) {

  public HwNeuron {
    SpecException.inRange(membraneWidth, 2, NeuronSpec.MAX_MEMBRANE_WIDTH, "membraneWidth", "");
    SpecException.inRange(currentWidth, 1, Fx.MAX_WIDTH - 1, "currentWidth", "");
  }

  /** Bits of the unsigned threshold: every positive M-bit threshold 1..2^(M−1)−1. */
  public int thresholdWidth() {
    return membraneWidth - 1;
  }

  /** Bits of the leak shift: every shift 0..M−1, i.e. ceil(log2 M). */
  public int leakShiftWidth() {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(membraneWidth - 1));
  }

  /** Bits of the exact sum {@code leak(v) + I}: one more than the wider operand, so it cannot wrap. */
  public int sumWidth() {
    return Math.max(membraneWidth, currentWidth) + 1;
  }
}
