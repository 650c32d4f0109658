package dev.spikeforge.golden.data;

import dev.spikeforge.golden.sim.SpikeRaster;
import java.util.Arrays;

/**
 * Deterministic rate coding: one non-leaky integer integrate-and-fire accumulator per input (the
 * input coding of desire backpropagation). For each step {@code t = 0..T-1} and each input {@code
 * i} with intensity {@code p} (0..255):
 *
 * <pre>
 *   acc_i += p;  if (acc_i >= 255) { spike(t, i); acc_i -= 255; }
 * </pre>
 *
 * with every {@code acc_i = 0} at the start of each sample. Dividing by 255 gives the float form
 * {@code v += p/255; s = v >= 1; v -= s} exactly, so {@code p = 255} spikes at every step and
 * {@code p = 0} never. Over {@code T} steps input {@code i} spikes exactly {@code floor(p*T/255)}
 * times (because {@code 0 <= acc < 255} after every step). The sample index is not used.
 */
public record RateEncoder() implements SpikeEncoder {
  /** The full-scale intensity, which is also the accumulator threshold. */
  public static final int THRESHOLD = 255;

  @Override
  public SpikeRaster encode(byte[] intensities, int steps, long sampleIndex) {
    Encoders.check(intensities, steps);
    int n = intensities.length;
    int[] acc = new int[n];
    int[] buf = new int[n];
    int[][] events = new int[steps][];
    for (int t = 0; t < steps; t++) {
      int k = 0;
      for (int i = 0; i < n; i++) {
        int a = acc[i] + (intensities[i] & 0xFF);
        if (a >= THRESHOLD) {
          a -= THRESHOLD;
          buf[k++] = i;
        }
        acc[i] = a;
      }
      events[t] = Arrays.copyOf(buf, k);
    }
    return SpikeRaster.wrapTrusted(n, events);
  }
}
