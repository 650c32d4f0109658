package dev.spikeforge.golden.data;

import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.EncoderSpec;

/**
 * Turns one sample of unsigned 8-bit intensities into spikes over {@code steps} time steps: the
 * input layer of a spiking network. Implementations are pure functions of their own parameters and
 * the three arguments, so the hardware can reproduce them bit for bit. Definitions:
 * {@code docs/datasets.md}.
 */
public interface SpikeEncoder {
  /**
   * Encodes {@code intensities} (each byte read as unsigned, 0..255; channel {@code i} of the
   * raster is intensity {@code i}) into a raster of {@code steps} steps (at least 1).
   * {@code sampleIndex} identifies the sample for encoders that draw pseudo-random numbers
   * ({@link Dataset#encode} passes {@link Dataset#id}); deterministic encoders ignore it.
   */
  SpikeRaster encode(byte[] intensities, int steps, long sampleIndex);

  /** The encoder a spec names (a network's {@link dev.spikeforge.golden.spec.NetworkSpec#encoder}). */
  static SpikeEncoder of(EncoderSpec spec) {
    return switch (spec.kind()) {
      case RATE -> new RateEncoder(spec.minIntensity());
      case LATENCY -> new LatencyEncoder(spec.minIntensity());
      case POISSON -> new PoissonEncoder(spec.seed());
      case RATE32 -> new Float32RateEncoder();
    };
  }
}
