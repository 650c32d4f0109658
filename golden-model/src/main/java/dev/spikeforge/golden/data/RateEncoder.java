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
 *
 * <p>With {@code minIntensity = M > 0} (encoder {@code rate:min=M}) an input with {@code p < M} is read as 0,
 * so it never spikes, and the others are coded as above: fewer events per sample for a cut-off of faint pixels.
 *
 * @param minIntensity smallest intensity that is coded at all, 0..255 (0 and 1 code every intensity)
 */
public record RateEncoder(int minIntensity) implements SpikeEncoder {
  /** The full-scale intensity, which is also the accumulator threshold. */
  public static final int THRESHOLD = 255;

  /** Validates {@code minIntensity}. */
  public RateEncoder {
    if (minIntensity < 0 || minIntensity > 255) {
      throw new IllegalArgumentException("minIntensity must be in 0..255, got " + minIntensity);
    }
  }

  /** Plain rate coding: {@code minIntensity = 0}. */
  public RateEncoder() {
    this(0);
  }

  @Override
  public SpikeRaster encode(byte[] intensities, int steps, long sampleIndex) {
    Encoders.check(intensities, steps);
    int n = intensities.length;
    int[] acc = new int[n];
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      int v = intensities[i] & 0xFF;
      p[i] = v >= minIntensity ? v : 0;
    }
    int[] buf = new int[n];
    int[][] events = new int[steps][];
    for (int t = 0; t < steps; t++) {
      int k = 0;
      for (int i = 0; i < n; i++) {
        int a = acc[i] + p[i];
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
