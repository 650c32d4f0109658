package dev.spikeforge.golden.data;

import dev.spikeforge.golden.sim.SpikeRaster;

/**
 * Time-to-first-spike (latency) coding: each input with intensity {@code p >= minIntensity} spikes
 * exactly once, at step
 *
 * <pre>
 *   t(p) = floor((255 - p) * (T - 1) / 255)
 * </pre>
 *
 * (integer arithmetic), so {@code p = 255} fires at step 0 and brighter inputs never fire later
 * than darker ones; inputs with {@code p < minIntensity} do not spike. The sample index is not used.
 *
 * @param minIntensity smallest intensity that spikes, 0..255 (default 1: black pixels stay silent)
 */
public record LatencyEncoder(int minIntensity) implements SpikeEncoder {
  /** Validates {@code minIntensity}. */
  public LatencyEncoder {
    if (minIntensity < 0 || minIntensity > 255) {
      throw new IllegalArgumentException("minIntensity must be in 0..255, got " + minIntensity);
    }
  }

  /** {@code minIntensity = 1}. */
  public LatencyEncoder() {
    this(1);
  }

  /** The spike step of intensity {@code p} (0..255) in a sample of {@code steps} steps. */
  public static int spikeStep(int p, int steps) {
    if (p < 0 || p > 255 || steps < 1) {
      throw new IllegalArgumentException("need p in 0..255 and steps >= 1, got p=" + p + ", steps=" + steps);
    }
    return (int) ((long) (255 - p) * (steps - 1) / 255);
  }

  @Override
  public SpikeRaster encode(byte[] intensities, int steps, long sampleIndex) {
    Encoders.check(intensities, steps);
    int n = intensities.length;
    int[] count = new int[steps];
    for (byte b : intensities) {
      int p = b & 0xFF;
      if (p >= minIntensity) {
        count[spikeStep(p, steps)]++;
      }
    }
    int[][] events = new int[steps][];
    for (int t = 0; t < steps; t++) {
      events[t] = new int[count[t]];
      count[t] = 0;
    }
    for (int i = 0; i < n; i++) {
      int p = intensities[i] & 0xFF;
      if (p >= minIntensity) {
        int t = spikeStep(p, steps);
        events[t][count[t]++] = i;
      }
    }
    return SpikeRaster.wrapTrusted(n, events);
  }
}
