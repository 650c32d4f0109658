package dev.spikeforge.golden.learning.threefactor;

import dev.spikeforge.golden.numerics.FixedFormat;
import dev.spikeforge.golden.numerics.Overflow;
import dev.spikeforge.golden.numerics.Rounding;

/**
 * The integer surrogate ψ: a small lookup table indexed by the quantized distance of the pre-reset
 * membrane from the threshold. With {@code u = v2 − θ} (exact integer) and {@code q = u >> shift}
 * (arithmetic shift, floor), the value is {@code table[q + half]} for {@code −half ≤ q < half} and 0
 * outside. Entry {@code q} is the float surrogate at the centre of its bin, {@code (q + ½)·2^shift},
 * scaled by {@code 2^fracBits} and rounded HALF_EVEN, saturated to {@code fracBits + 1} unsigned bits
 * (so ψ = 1 is representable). Hardware: a {@code 2·half}-entry ROM of {@code fracBits + 1}-bit words.
 */
public final class SurrogateLut {
  private final int shift;
  private final int half;
  private final int fracBits;
  private final int[] table;

  private SurrogateLut(int shift, int half, int fracBits, int[] table) {
    this.shift = shift;
    this.half = half;
    this.fracBits = fracBits;
    this.table = table;
  }

  /**
   * Builds the table for a float surrogate.
   *
   * @param surrogate the float ψ (σ in membrane units)
   * @param shift bin width {@code 2^shift} membrane units, 0..30
   * @param half entries on each side of the threshold, 1..1024
   * @param fracBits fraction bits of the entries, 1..16
   */
  public static SurrogateLut of(GaussianSurrogate surrogate, int shift, int half, int fracBits) {
    if (shift < 0 || shift > 30 || half < 1 || half > 1024 || fracBits < 1 || fracBits > 16) {
      throw new IllegalArgumentException("surrogate LUT: shift 0..30, half 1..1024, fracBits 1..16; got "
          + shift + ", " + half + ", " + fracBits);
    }
    FixedFormat entry = new FixedFormat(fracBits + 1, fracBits, false, Rounding.HALF_EVEN, Overflow.SATURATE);
    int[] t = new int[2 * half];
    for (int q = -half; q < half; q++) {
      t[q + half] = (int) entry.quantize(surrogate.psi((q + 0.5) * Math.scalb(1.0, shift)));
    }
    return new SurrogateLut(shift, half, fracBits, t);
  }

  /** ψ (raw, {@link #fracBits()} fraction bits) for {@code u = v2 − θ}. */
  public int lookup(long u) {
    long q = u >> shift;
    return q < -half || q >= half ? 0 : table[(int) q + half];
  }

  /**
   * The table index a learning unit stores per neuron and step instead of ψ: {@code q + half} for
   * {@code −half ≤ q < half}, {@code 2·half} outside the table (ψ = 0); {@link #codeWidth()} bits.
   * {@code value(code(u)) == lookup(u)}.
   */
  public int code(long u) {
    long q = u >> shift;
    return q < -half || q >= half ? 2 * half : (int) q + half;
  }

  /** ψ of a {@link #code}: the entry, or 0 for {@code 2·half}. */
  public int value(int code) {
    return code == 2 * half ? 0 : table[code];
  }

  /** Bits of a {@link #code}: holds 0..2·half. */
  public int codeWidth() {
    return 32 - Integer.numberOfLeadingZeros(2 * half);
  }

  public int shift() {
    return shift;
  }

  public int half() {
    return half;
  }

  public int fracBits() {
    return fracBits;
  }

  /** Copy of the entries, index {@code q + half}. */
  public int[] entries() {
    return table.clone();
  }
}
