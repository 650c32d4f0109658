package dev.spikeforge.golden.learning.threefactor;

import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.numerics.Rounding;

/**
 * The rounding of the learning-rate shift of every update of one layer in one sample: HALF_EVEN
 * ({@code Fx.shiftRight}, K = 0, the integer form) or stochastic ({@code Fx.shiftRightStochastic}
 * with {@code r = nextBits(K)} of the layer's LFSR, the hardware form). A stochastic rounder draws
 * exactly once per call, in the order the caller walks the layer (docs/learning.md Part II §9.4), so
 * the hardware reproduces the bits by walking in the same order.
 */
public final class UpdateRounding {
  /** The top byte of the stochastic-rounding streams; layer l adds l (docs/learning.md Part II §9.4). */
  public static final long STREAM_TAG = 0x40;

  private static final UpdateRounding HALF_EVEN = new UpdateRounding(0, null);

  private final int bits;
  private final Lfsr lfsr;

  private UpdateRounding(int bits, Lfsr lfsr) {
    this.bits = bits;
    this.lfsr = lfsr;
  }

  /** HALF_EVEN, no random bits. */
  public static UpdateRounding halfEven() {
    return HALF_EVEN;
  }

  /** Stochastic rounding with {@code bits} (1..32) LFSR bits per update from {@code lfsr}. */
  public static UpdateRounding stochastic(int bits, Lfsr lfsr) {
    if (bits < 1 || bits > Lfsr.WIDTH || lfsr == null) {
      throw new IllegalArgumentException("stochastic rounding needs 1..32 bits and an LFSR, got " + bits);
    }
    return new UpdateRounding(bits, lfsr);
  }

  /**
   * The rounder of layer {@code layer} (0 hidden, 1 output) for the sample at position {@code position}
   * (0-based) of epoch {@code epoch} (0-based): HALF_EVEN when {@code bits} is 0, else the stream
   * {@code Lfsr.seeded(seed, ((0x40 + layer) << 56) + (epoch << 32) + position)}.
   */
  public static UpdateRounding forSample(int bits, long seed, int layer, int epoch, long position) {
    if (bits == 0) {
      return halfEven();
    }
    return stochastic(bits, Lfsr.seeded(seed, stream(layer, epoch, position)));
  }

  /** The stream number of {@link #forSample}; epoch &lt; 2^24, position &lt; 2^32. */
  public static long stream(int layer, int epoch, long position) {
    if (layer < 0 || layer > 0xBF || epoch < 0 || epoch >= 1 << 24 || position < 0 || position >= 1L << 32) {
      throw new IllegalArgumentException("rounding stream: layer 0..191, epoch < 2^24, position < 2^32; got "
          + layer + ", " + epoch + ", " + position);
    }
    return ((STREAM_TAG + layer) << 56) + ((long) epoch << 32) + position;
  }

  /** {@code v · 2^−shift} rounded: HALF_EVEN, or {@code ⌊v·2^−shift + r·2^−K⌋} with one fresh draw r. */
  public long shift(long v, int shift) {
    return bits == 0 ? Fx.shiftRight(v, shift, Rounding.HALF_EVEN)
        : Fx.shiftRightStochastic(v, shift, lfsr.nextBits(bits), bits);
  }

  /** K (0: HALF_EVEN). */
  public int bits() {
    return bits;
  }
}
