package dev.spikeforge.flow;

/**
 * What the verify step found: the RTL against the golden model, bit for bit.
 *
 * @param simulator the simulator (verilator)
 * @param samples   test images run
 * @param bitExact  images identical to the golden model at every step, layer, neuron and decision
 * @param clocks    clocks of all images together
 * @param failures  the first mismatches, described (empty when every image matches)
 */
public record VerifyOutcome(String simulator, int samples, int bitExact, long clocks, String failures) {

  /** Whether every image matched. */
  public boolean passed() {
    return failures.isEmpty() && bitExact == samples;
  }

  /** Mean clocks per image. */
  public double clocksPerImage() {
    return (double) clocks / Math.max(1, samples);
  }
}
