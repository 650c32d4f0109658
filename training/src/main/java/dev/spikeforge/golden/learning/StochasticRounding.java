package dev.spikeforge.golden.learning;

import dev.spikeforge.golden.numerics.Lfsr;

/**
 * The random bits of the stochastically rounded shadow update of desire backpropagation's integer
 * form ({@code docs/learning.md} §3.6 and §4.2), drawn from the project's LFSR ({@link Lfsr}) so that
 * a learning unit can reproduce them.
 *
 * <p>Definition: after the sample at position {@code p} (0-based) of epoch {@code e} (0-based), layer
 * {@code l} (0-based) draws from its own generator {@code Lfsr.seeded(seed, stream(e, p, l))}, one
 * {@code nextBits(K)} per update, in the order in which a learning unit updates the layer row by
 * row: the input rows i of the layer that spiked within the credited steps (as the layer saw them),
 * ascending; within a row, the neurons j with a desire that fired, ascending. A layer with no such
 * neuron draws nothing. The number of draws of a layer is therefore (rows that spiked) × (neurons
 * with a desire that fired), whatever the shift R and whether an update is zero.
 */
public final class StochasticRounding {
  private StochasticRounding() {}

  /**
   * The LFSR stream of layer {@code l} after the sample at {@code position} of {@code epoch}: {@code
   * (l + 1)·2^56 + e·2^32 + p}. Dropout streams ({@link DropoutMask#stream}: {@code e·2^32 + p}) have a
   * zero top byte, so no stream is used twice.
   */
  public static long stream(int epoch, long position, int layer) {
    if (epoch < 0 || epoch >= 1 << 24) {
      throw new IllegalArgumentException("epoch must be in 0..2^24-1, got " + epoch);
    }
    if (position < 0 || position >= 1L << 32) {
      throw new IllegalArgumentException("position must be in 0..2^32-1, got " + position);
    }
    if (layer < 0 || layer > 126) {
      throw new IllegalArgumentException("layer must be in 0..126, got " + layer);
    }
    return ((long) (layer + 1) << 56) + ((long) epoch << 32) + position;
  }

  /** The generator of layer {@code layer} after the sample at {@code position} of {@code epoch}. */
  public static Lfsr generator(long seed, int epoch, long position, int layer) {
    return Lfsr.seeded(seed, stream(epoch, position, layer));
  }

  /**
   * Fills {@code r[0..n)} with {@code lfsr.nextBits(bits)}, in order; each value is the unsigned
   * {@code bits}-bit number as an int (read it back with {@link Integer#toUnsignedLong}).
   */
  public static void draw(Lfsr lfsr, int bits, int[] r, int n) {
    for (int k = 0; k < n; k++) {
      r[k] = (int) lfsr.nextBits(bits);
    }
  }
}
