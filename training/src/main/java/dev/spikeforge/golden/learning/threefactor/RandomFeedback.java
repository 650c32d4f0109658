package dev.spikeforge.golden.learning.threefactor;

import dev.spikeforge.golden.numerics.Lfsr;

/**
 * The fixed random feedback matrix of random e-prop, drawn from the contract's LFSR so hardware can
 * regenerate it instead of storing it: {@code lfsr = Lfsr.seeded(seed, STREAM)}; for {@code j =
 * 0..hidden−1}, {@code k = 0..outputs−1} in that order, {@code B_jk = nextBits(width) −
 * 2^(width−1)}, uniform over the signed {@code width}-bit range. The float form uses the same
 * integers as reals.
 */
public final class RandomFeedback {
  /** LFSR stream number of the feedback matrix (numerics.md §5: one stream per consumer). */
  public static final long STREAM = 0x3F;

  private RandomFeedback() {}

  /** {@code [hidden][outputs]} signed {@code width}-bit entries (width 2..16). */
  public static int[][] generate(int hidden, int outputs, int width, long seed) {
    if (width < 2 || width > 16) {
      throw new IllegalArgumentException("feedback width must be 2..16, got " + width);
    }
    Lfsr lfsr = Lfsr.seeded(seed, STREAM);
    int[][] b = new int[hidden][outputs];
    for (int j = 0; j < hidden; j++) {
      for (int k = 0; k < outputs; k++) {
        b[j][k] = (int) (lfsr.nextBits(width) - (1L << (width - 1)));
      }
    }
    return b;
  }
}
