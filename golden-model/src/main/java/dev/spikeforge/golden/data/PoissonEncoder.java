package dev.spikeforge.golden.data;

import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.sim.SpikeRaster;
import java.util.Arrays;

/**
 * Stochastic (Bernoulli-per-step, "Poisson") rate coding driven by the project LFSR, so the
 * hardware can reproduce it bit for bit. For sample {@code k} (the {@code sampleIndex} argument):
 *
 * <pre>
 *   lfsr = Lfsr.seeded(seed, k)                      // one fresh stream per sample
 *   for t in 0..T-1:
 *     for i in 0..n-1:                                // input index order
 *       r = lfsr.nextBits(8)                          // 8 LFSR steps, LSB first, 0..255
 *       spike(t, i) iff r &lt; p_i                       // p_i = intensity, 0..255
 * </pre>
 *
 * A draw is made for every input at every step, whatever its intensity, so the stream position of
 * (t, i) is always {@code 8 * (t*n + i)} LFSR steps. The spike probability is {@code p/256}:
 * {@code p = 0} never spikes, {@code p = 255} spikes with probability 255/256.
 *
 * @param seed the user seed; {@link Lfsr#seeded(long, long)} turns (seed, k) into the LFSR state
 */
public record PoissonEncoder(long seed) implements SpikeEncoder {
  /**
   * The 32-bit LFSR state sample {@code sampleIndex} starts from: what a host sends an on-chip encoder with the
   * sample's pixels (docs/hardware.md, "Pixel input").
   */
  public static int startState(long seed, long sampleIndex) {
    return Lfsr.seeded(seed, sampleIndex).state();
  }

  @Override
  public SpikeRaster encode(byte[] intensities, int steps, long sampleIndex) {
    Encoders.check(intensities, steps);
    Lfsr lfsr = Lfsr.seeded(seed, sampleIndex);
    int n = intensities.length;
    int[] buf = new int[n];
    int[][] events = new int[steps][];
    for (int t = 0; t < steps; t++) {
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (lfsr.nextBits(8) < (intensities[i] & 0xFF)) {
          buf[k++] = i;
        }
      }
      events[t] = Arrays.copyOf(buf, k);
    }
    return SpikeRaster.wrapTrusted(n, events);
  }
}
