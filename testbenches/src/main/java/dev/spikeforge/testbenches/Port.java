package dev.spikeforge.testbenches;

import dev.spikeforge.hwgen.HwPort;
import java.util.regex.Pattern;

/**
 * A scalar port of a design under test, as a vector harness drives or samples it. Values travel as
 * {@code long}: a signed port's value is its two's-complement value, an unsigned port's value is
 * {@code 0 .. 2^width - 1}.
 *
 * @param name Verilog port name
 * @param width 1..64 bits
 * @param signed whether the bits are two's complement
 */
public record Port(String name, int width, boolean signed) {
  /** Widest port a vector harness supports (one {@code long} per value). */
  public static final int MAX_WIDTH = 64;

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public Port {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("port name must be a plain Verilog identifier, got " + name);
    }
    if (width < 1 || width > MAX_WIDTH) {
      throw new IllegalArgumentException(
          "port " + name + ": width must be in 1.." + MAX_WIDTH + ", got " + width);
    }
  }

  /** The port as the hardware generator describes it. */
  public static Port of(HwPort p) {
    return new Port(p.name(), p.width(), p.signed());
  }

  /** The low {@code width} bits set. */
  public long mask() {
    return width == 64 ? -1L : (1L << width) - 1;
  }

  /** The port's bits of {@code value} (two's complement, upper bits cleared). */
  public long toBits(long value) {
    return value & mask();
  }

  /** The value whose bits these are: sign-extended for a signed port. */
  public long fromBits(long bits) {
    long b = bits & mask();
    if (signed && width < 64 && (b & (1L << (width - 1))) != 0) {
      b -= 1L << width;
    }
    return b;
  }

  /** Whether {@code value} is representable on this port. */
  public boolean fits(long value) {
    if (width == 64) {
      return true;
    }
    return signed ? fromBits(value) == value : (value & ~mask()) == 0;
  }

  /** The port's bits of {@code value} as a binary string of exactly {@code width} digits. */
  public String bitString(long value) {
    StringBuilder sb = new StringBuilder(width);
    for (int i = width - 1; i >= 0; i--) {
      sb.append(((value >>> i) & 1) == 0 ? '0' : '1');
    }
    return sb.toString();
  }

  /** {@code value} in decimal and in bits, e.g. {@code -3 (11111101)}. */
  public String describe(long value) {
    return (signed || width < 64 ? Long.toString(value) : Long.toUnsignedString(value))
        + " (" + bitString(value) + ")";
  }
}
