package dev.spikeforge.golden.data;

import dev.spikeforge.golden.sim.SpikeRaster;
import java.util.Arrays;

/**
 * The input coding of the desire-backpropagation authors' PyTorch code, reproduced to the bit: one
 * non-leaky integrate-and-fire unit per pixel in IEEE float32 arithmetic, {@code p = (float) q / 255f}
 * (what {@code torchvision.transforms.ToTensor} produces), and per step {@code v += p; s = v >= 1f;
 * if (s) v -= 1f}. It differs from the exact {@link RateEncoder} only where float32 rounding moves
 * a sum across 1 (pixel values 60, 120 and 240 at step 16, over T = 20). Used to evaluate imported
 * networks with exactly the authors' forward semantics; spikeforge's own training uses {@link RateEncoder}.
 */
public record Float32RateEncoder() implements SpikeEncoder {
  @Override
  public SpikeRaster encode(byte[] intensities, int steps, long sampleIndex) {
    Encoders.check(intensities, steps);
    int n = intensities.length;
    float[] v = new float[n];
    float[] p = new float[n];
    for (int i = 0; i < n; i++) {
      p[i] = (float) (intensities[i] & 0xFF) / 255f;
    }
    int[] buf = new int[n];
    int[][] events = new int[steps][];
    for (int t = 0; t < steps; t++) {
      int k = 0;
      for (int i = 0; i < n; i++) {
        float a = v[i] + p[i];
        if (a >= 1f) {
          a -= 1f;
          buf[k++] = i;
        }
        v[i] = a;
      }
      events[t] = Arrays.copyOf(buf, k);
    }
    return SpikeRaster.wrapTrusted(n, events);
  }
}
