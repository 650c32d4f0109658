package dev.spikeforge.compiler.quantize;

import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.SpecException;

/**
 * The membrane width a layer is quantized to: a fixed number of bits, or {@code auto}, which picks
 * the narrowest width that holds the layer's quantized threshold plus its largest single-step input
 * (see {@code docs/quantization.md}, "Automatic membrane width").
 *
 * @param automatic whether the width is chosen per layer by the automatic rule
 * @param bits the fixed width, 2..{@value NeuronSpec#MAX_MEMBRANE_WIDTH}; 0 when {@code automatic}
 */
public record MembraneWidth(boolean automatic, int bits) {
  private static final MembraneWidth AUTO = new MembraneWidth(true, 0);

  public MembraneWidth {
    if (automatic) {
      SpecException.check(bits == 0, "membraneWidth", "an automatic width has no fixed bit count (got " + bits + ")");
    } else {
      SpecException.inRange(bits, 2, NeuronSpec.MAX_MEMBRANE_WIDTH, "membraneWidth", "signed membrane bits");
    }
  }

  /** Chosen per layer by the automatic rule. */
  public static MembraneWidth auto() {
    return AUTO;
  }

  /** Exactly {@code bits} bits for every layer it applies to. */
  public static MembraneWidth fixed(int bits) {
    return new MembraneWidth(false, bits);
  }

  @Override
  public String toString() {
    return automatic ? "auto" : Integer.toString(bits);
  }
}
