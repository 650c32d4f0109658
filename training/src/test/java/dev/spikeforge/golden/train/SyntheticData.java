package dev.spikeforge.golden.train;

import dev.spikeforge.golden.data.Dataset;
import java.util.SplittableRandom;

/** A small learnable intensity dataset: each class lights its own band of pixels, plus noise. */
final class SyntheticData {
  private SyntheticData() {}

  static Dataset make(String name, int samples, int pixels, int classes, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[][] x = new byte[samples][pixels];
    int[] y = new int[samples];
    int band = pixels / classes;
    for (int s = 0; s < samples; s++) {
      int c = rnd.nextInt(classes);
      y[s] = c;
      for (int i = 0; i < pixels; i++) {
        boolean on = i / band == c;
        int v = on ? 150 + rnd.nextInt(106) : (rnd.nextInt(4) == 0 ? rnd.nextInt(120) : 0);
        x[s][i] = (byte) v;
      }
    }
    return Dataset.ofIntensities(name, new int[] {pixels}, classes, x, y);
  }
}
