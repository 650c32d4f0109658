package dev.spikeforge.golden.train;

import dev.spikeforge.golden.sim.SpikeRaster;
import java.util.SplittableRandom;

/** Random spike rasters for the forward-equivalence tests of the training engines. */
public final class RandomRasters {
  private RandomRasters() {}

  /** {@code steps × channels}, each spike present with probability 1/3, drawn step by step, channel by channel. */
  public static SpikeRaster dense(SplittableRandom rnd, int steps, int channels) {
    boolean[][] dense = new boolean[steps][channels];
    for (boolean[] row : dense) {
      for (int i = 0; i < row.length; i++) {
        row[i] = rnd.nextInt(3) == 0;
      }
    }
    return SpikeRaster.ofDense(dense);
  }
}
