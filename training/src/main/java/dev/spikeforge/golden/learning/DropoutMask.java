package dev.spikeforge.golden.learning;

import dev.spikeforge.golden.numerics.Lfsr;

/**
 * Dropout masks of desire backpropagation, drawn from the project's LFSR ({@link Lfsr}) so that
 * hardware can reproduce them: one mask per sample for the input channels and one per hidden layer;
 * the output layer is never dropped. Both the float and the integer form use these masks.
 *
 * <p>Definition ({@code docs/learning.md} §4): the sample at position {@code p} of epoch {@code e}
 * uses the generator {@code Lfsr.seeded(seed, stream(e, p))}. Groups are drawn in order: the input
 * channels 0..n−1, then hidden layer 0's neurons, hidden layer 1's, …; each unit draws {@code
 * nextBits(8)} = r and is dropped iff {@code r < P}, with {@code P = round_half_up(256 · p)} of its
 * group. A group with P = 0 draws nothing (everything is kept).
 */
public final class DropoutMask {
  /** LFSR bits drawn per unit. */
  public static final int BITS = 8;

  private DropoutMask() {}

  /** {@code P = round_half_up(256 · p)}, at most 255. */
  public static int threshold(double p) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
    }
    return (int) Math.min(255, Math.floor(p * (1 << BITS) + 0.5));
  }

  /** The LFSR stream of the sample at {@code position} (0-based) of {@code epoch} (0-based): {@code e · 2^32 + p}. */
  public static long stream(int epoch, long position) {
    return ((long) epoch << 32) + position;
  }

  /** Fills {@code keep[0..n)}: unit u is kept iff {@code lfsr.nextBits(8) ≥ P}; all kept without drawing when P = 0. */
  public static void draw(Lfsr lfsr, int threshold, boolean[] keep, int n) {
    if (threshold == 0) {
      java.util.Arrays.fill(keep, 0, n, true);
      return;
    }
    for (int u = 0; u < n; u++) {
      keep[u] = lfsr.nextBits(BITS) >= threshold;
    }
  }
}
