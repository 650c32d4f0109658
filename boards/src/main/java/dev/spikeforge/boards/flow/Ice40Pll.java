package dev.spikeforge.boards.flow;

import java.util.Locale;

/**
 * A configuration of the iCE40 PLL ({@code SB_PLL40_*}) in SIMPLE feedback mode, found by the search
 * icestorm's {@code icepll} does (so both tools agree to the last bit; Ice40PllFpgaTest runs icepll):
 * <pre>
 *   f_PFD = f_in / (DIVR + 1)        10 .. 133 MHz     DIVR 0..15
 *   f_VCO = f_PFD * (DIVF + 1)      533 .. 1066 MHz    DIVF 0..127
 *   f_out = f_VCO / 2^DIVQ                             DIVQ 1..6
 * </pre>
 * Every (DIVR, DIVF, DIVQ) within those limits is tried in that order (DIVR outermost); the first
 * with the smallest |f_out - requested| wins. The loop filter follows f_PFD (FILTER_RANGE 1 below
 * 17 MHz, 2 below 26, 3 below 44, 4 below 66, 5 below 101, else 6). The input must be in
 * {@value #MIN_INPUT_MHZ}..{@value #MAX_INPUT_MHZ} MHz and the requested output in
 * {@value #MIN_OUTPUT_MHZ}..{@value #MAX_OUTPUT_MHZ} MHz (icepll's limits; Lattice iCE40 sysCLOCK PLL
 * Design and Usage Guide, TN1251).
 *
 * @param inputMhz     the reference clock
 * @param requestedMhz the output asked for
 * @param divr         reference divider, 0..15
 * @param divf         feedback divider, 0..127
 * @param divq         VCO output divider (a power of two), 1..6
 * @param filterRange  loop filter setting, 1..6
 * @param achievedMhz  the output the dividers give, {@code inputMhz / (divr+1) * (divf+1) / 2^divq}
 */
public record Ice40Pll(double inputMhz, double requestedMhz, int divr, int divf, int divq, int filterRange,
    double achievedMhz) {
  /** Lowest reference clock, MHz. */
  public static final double MIN_INPUT_MHZ = 10;
  /** Highest reference clock, MHz. */
  public static final double MAX_INPUT_MHZ = 133;
  /** Lowest output that may be requested, MHz. */
  public static final double MIN_OUTPUT_MHZ = 16;
  /** Highest output that may be requested, MHz. */
  public static final double MAX_OUTPUT_MHZ = 275;
  static final double MIN_PFD_MHZ = 10;
  static final double MAX_PFD_MHZ = 133;
  static final double MIN_VCO_MHZ = 533;
  static final double MAX_VCO_MHZ = 1066;
  static final int MAX_DIVR = 15;
  static final int MAX_DIVF = 127;
  static final int MIN_DIVQ = 1;
  static final int MAX_DIVQ = 6;

  public Ice40Pll {
    if (divr < 0 || divr > MAX_DIVR || divf < 0 || divf > MAX_DIVF || divq < MIN_DIVQ || divq > MAX_DIVQ
        || filterRange < 1 || filterRange > 6) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "PLL dividers out of range: DIVR %d (0..15), DIVF %d (0..127), DIVQ %d (1..6), FILTER_RANGE %d (1..6)",
          divr, divf, divq, filterRange));
    }
  }

  /**
   * The configuration closest to {@code requestedMhz} from an {@code inputMhz} reference.
   *
   * @throws IllegalArgumentException naming the allowed range when the input or the requested
   *                                  output is outside the PLL's limits
   */
  public static Ice40Pll configure(double inputMhz, double requestedMhz) {
    if (!(inputMhz >= MIN_INPUT_MHZ && inputMhz <= MAX_INPUT_MHZ)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "the iCE40 PLL takes a %s..%s MHz reference clock, not %s MHz", num(MIN_INPUT_MHZ), num(MAX_INPUT_MHZ),
          num(inputMhz)));
    }
    if (!(requestedMhz >= MIN_OUTPUT_MHZ && requestedMhz <= MAX_OUTPUT_MHZ)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "the iCE40 PLL makes %s..%s MHz, not %s MHz", num(MIN_OUTPUT_MHZ), num(MAX_OUTPUT_MHZ), num(requestedMhz)));
    }
    Ice40Pll best = null;
    double bestError = Double.POSITIVE_INFINITY;
    for (int divr = 0; divr <= MAX_DIVR; divr++) {
      double pfd = inputMhz / (divr + 1);
      if (pfd < MIN_PFD_MHZ || pfd > MAX_PFD_MHZ) {
        continue;
      }
      for (int divf = 0; divf <= MAX_DIVF; divf++) {
        double vco = pfd * (divf + 1);
        if (vco < MIN_VCO_MHZ || vco > MAX_VCO_MHZ) {
          continue;
        }
        for (int divq = MIN_DIVQ; divq <= MAX_DIVQ; divq++) {
          double out = vco * Math.scalb(1.0, -divq);
          double error = Math.abs(out - requestedMhz);
          if (error < bestError) { // strictly better: the first of equals stays, as in icepll
            bestError = error;
            best = new Ice40Pll(inputMhz, requestedMhz, divr, divf, divq, filterRange(pfd), out);
          }
        }
      }
    }
    if (best == null) {
      // unreachable for inputs within the limits (f_PFD = f_in with DIVR 0 always fits), kept as a guard
      throw new IllegalArgumentException("no iCE40 PLL configuration makes " + num(requestedMhz) + " MHz from "
          + num(inputMhz) + " MHz");
    }
    return best;
  }

  /** The phase detector's frequency, {@code inputMhz / (divr + 1)}. */
  public double pfdMhz() {
    return inputMhz / (divr + 1);
  }

  /** The VCO's frequency, {@code pfdMhz() * (divf + 1)}. */
  public double vcoMhz() {
    return pfdMhz() * (divf + 1);
  }

  /**
   * The output in Hz for a reference of exactly {@code inputHz}, rounded to the nearest Hz (exact
   * for a 12 MHz reference, whose outputs are whole multiples of 187.5 kHz).
   */
  public long achievedHz(long inputHz) {
    long den = (long) (divr + 1) << divq;
    return (inputHz * (divf + 1) + den / 2) / den;
  }

  static int filterRange(double pfdMhz) {
    if (pfdMhz < 17) {
      return 1;
    } else if (pfdMhz < 26) {
      return 2;
    } else if (pfdMhz < 44) {
      return 3;
    } else if (pfdMhz < 66) {
      return 4;
    } else if (pfdMhz < 101) {
      return 5;
    }
    return 6;
  }

  static String num(double mhz) {
    return Double.isFinite(mhz) ? new java.math.BigDecimal(Double.toString(mhz)).stripTrailingZeros().toPlainString()
        : Double.toString(mhz);
  }
}
