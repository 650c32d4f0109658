package dev.spikeforge.flow;

/**
 * The figures derived from the steps' outcomes: latency and energy per image. A figure is NaN when
 * the steps it needs did not run (latency needs verify; at-Fmax latency and energy also need the
 * bitstream).
 *
 * @param clocksPerImage     mean clocks per image in the RTL run
 * @param coreMhz            the core clock
 * @param latencyUs          latency per image at the core clock
 * @param latencyAtFmaxUs    latency per image at the reported Fmax
 * @param energyUj           estimated energy per image: estimated power × clocks at the power's clock
 */
public record BuildReport(double clocksPerImage, double coreMhz, double latencyUs, double latencyAtFmaxUs,
    double energyUj) {

  /** The figures of {@code verify} and {@code bitstream} (either may be null) at {@code coreMhz}. */
  static BuildReport of(VerifyOutcome verify, BitstreamOutcome bitstream, double coreMhz) {
    double clocks = verify == null ? Double.NaN : verify.clocksPerImage();
    double atFmax = bitstream == null ? Double.NaN : clocks / bitstream.fmaxMhz();
    double energy = bitstream == null ? Double.NaN
        : bitstream.powerMw() * 1e-3 * clocks / (bitstream.powerClockMhz() * 1e6) * 1e6;
    return new BuildReport(clocks, coreMhz, clocks / coreMhz, atFmax, energy);
  }
}
