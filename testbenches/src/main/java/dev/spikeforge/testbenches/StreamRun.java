package dev.spikeforge.testbenches;

import java.nio.file.Path;

/**
 * One run of a compiled stream harness.
 *
 * @param runDir working directory of the simulator: the build directory, whose {@code mem/} images
 *     the core loads
 * @param beats the beats file ({@link StreamBeats})
 * @param out where the simulator writes its log of trace and output beats
 * @param samples output beats to wait for
 * @param timesteps T (to find the first beat of each sample)
 * @param maxCycles give up after this many clocks
 * @param stallSeed 0 for a full-rate run; otherwise the seed of pseudo-random stalls of
 *     {@code in.valid} and {@code out.ready}
 * @param vcd waveform file to write, or null
 * @param loads the load beats written through the core's load port before the first input beat
 *     ({@link LoadBeats}), or null for none
 */
public record StreamRun(Path runDir, Path beats, Path out, int samples, int timesteps, long maxCycles, int stallSeed,
    Path vcd, Path loads) {
  /** A run without load beats. */
  public StreamRun(Path runDir, Path beats, Path out, int samples, int timesteps, long maxCycles, int stallSeed,
      Path vcd) {
    this(runDir, beats, out, samples, timesteps, maxCycles, stallSeed, vcd, null);
  }

  public StreamRun withVcd(Path file) {
    return new StreamRun(runDir, beats, out, samples, timesteps, maxCycles, stallSeed, file, loads);
  }

  public StreamRun withLoads(Path file) {
    return new StreamRun(runDir, beats, out, samples, timesteps, maxCycles, stallSeed, vcd, file);
  }
}
