package dev.spikeforge.golden.spec.hw;

import dev.spikeforge.golden.spec.SpecException;

/**
 * One field of a hardware memory word.
 *
 * @param name field name (also the name used in hw-gen and in docs/hardware.md)
 * @param width bits, at least 1
 * @param offset bit position of the field's least significant bit in the word
 * @param signed whether the bits are two's complement
 */
public record HwField(String name, int width, int offset, boolean signed) {
  public HwField {
    SpecException.check(name != null && name.matches("[a-zA-Z][a-zA-Z0-9_]*"), "name", "'" + name + "' is not a field name");
    SpecException.check(width >= 1, name + ".width", width + " must be at least 1");
    SpecException.check(offset >= 0, name + ".offset", offset + " must not be negative");
  }

  /** Smallest value the field holds. */
  public long min() {
    return signed ? -(1L << (width - 1)) : 0;
  }

  /** Largest value the field holds (for widths up to 63). */
  public long max() {
    return signed ? (1L << (width - 1)) - 1 : (width >= 63 ? Long.MAX_VALUE : (1L << width) - 1);
  }
}
