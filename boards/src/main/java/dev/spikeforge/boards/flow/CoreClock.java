package dev.spikeforge.boards.flow;

import dev.spikeforge.boards.Board;
import dev.spikeforge.hwgen.board.SbPll40Params;
import java.util.Locale;
import java.util.Optional;

/**
 * The clock the core and the link logic of a board top run on: the board's oscillator, or the
 * output of the iCE40 PLL fed by it ({@link Ice40Pll}) when another frequency is asked for. A PLL
 * build's figures (UART divisor, timing target, power, latency) all use {@link #coreHz()}, the
 * frequency the PLL really makes, which can differ slightly from the one requested.
 *
 * @param board         the board whose oscillator feeds the core or the PLL
 * @param boardHz       that oscillator's frequency
 * @param clockOnPllPad the oscillator arrives on the PLL's own pad ({@link Board#clockOnPllPad()})
 * @param pll           the PLL configuration, empty when the core runs on the oscillator itself
 */
public record CoreClock(String board, long boardHz, boolean clockOnPllPad, Optional<Ice40Pll> pll) {

  public CoreClock {
    if (boardHz <= 0) {
      throw new IllegalArgumentException("boardHz must be positive, got " + boardHz);
    }
    if (pll == null) {
      throw new IllegalArgumentException("pll must not be null (Optional.empty() = no PLL)");
    }
  }

  /** The board's oscillator, no PLL. */
  public static CoreClock ofBoard(Board board) {
    return new CoreClock(board.name(), board.clockHz(), board.clockOnPllPad(), Optional.empty());
  }

  /**
   * The core clock for a requested frequency: the oscillator itself when {@code requestedMhz} is
   * its frequency, else the PLL configuration closest to it.
   *
   * @throws FlowException naming {@code --freq} and the range the PLL makes from this board's
   *                       clock, when {@code requestedMhz} is outside it (before anything is built)
   */
  public static CoreClock forRequest(Board board, double requestedMhz) {
    if (requestedMhz == board.clockMhz()) {
      return ofBoard(board);
    }
    if (!(board.clockMhz() >= Ice40Pll.MIN_INPUT_MHZ && board.clockMhz() <= Ice40Pll.MAX_INPUT_MHZ)) {
      throw new FlowException(String.format(Locale.ROOT,
          "--freq %s MHz cannot be made on %s: its %s MHz board clock is outside the iCE40 PLL's %s..%s MHz reference"
              + " range; use the board clock (leave out --freq, or --freq %s)", Ice40Pll.num(requestedMhz), board.name(),
          Ice40Pll.num(board.clockMhz()), Ice40Pll.num(Ice40Pll.MIN_INPUT_MHZ), Ice40Pll.num(Ice40Pll.MAX_INPUT_MHZ),
          Ice40Pll.num(board.clockMhz())));
    }
    try {
      Ice40Pll pll = Ice40Pll.configure(board.clockMhz(), requestedMhz);
      return new CoreClock(board.name(), board.clockHz(), board.clockOnPllPad(), Optional.of(pll));
    } catch (IllegalArgumentException e) {
      throw new FlowException(String.format(Locale.ROOT,
          "--freq %s MHz cannot be made on %s: %s; choose --freq %s (the board clock, no PLL) or %s..%s MHz "
              + "(the PLL, from the %s MHz board clock)", Ice40Pll.num(requestedMhz), board.name(), e.getMessage(),
          Ice40Pll.num(board.clockMhz()), Ice40Pll.num(Ice40Pll.MIN_OUTPUT_MHZ), Ice40Pll.num(Ice40Pll.MAX_OUTPUT_MHZ),
          Ice40Pll.num(board.clockMhz())), e);
    }
  }

  /**
   * The PLL cell the board top instantiates: {@code SB_PLL40_PAD} when the board clock arrives on
   * the PLL's pad, else {@code SB_PLL40_CORE}; empty without a PLL.
   */
  public Optional<SbPll40Params> pllCell() {
    return pll.map(p -> new SbPll40Params(clockOnPllPad, p.divr(), p.divf(), p.divq(), p.filterRange()));
  }

  /** Whether the core clock comes from the PLL. */
  public boolean usesPll() {
    return pll.isPresent();
  }

  /** The core's clock in Hz: the PLL's achieved output, or the board clock. */
  public long coreHz() {
    return pll.map(p -> p.achievedHz(boardHz)).orElse(boardHz);
  }

  /** The core's clock in MHz: the PLL's achieved output, or the board clock. */
  public double coreMhz() {
    return pll.map(Ice40Pll::achievedMhz).orElse(boardMhz());
  }

  /**
   * One line for the user: {@code core clock 24 MHz from the 12 MHz board clock by the PLL (DIVR 0,
   * DIVF 63, DIVQ 5, FILTER_RANGE 1)}, or {@code core clock = board clock 12 MHz (no PLL)}.
   */
  public String describe() {
    return pll.map(p -> String.format(Locale.ROOT,
        "core clock %s MHz from the %s MHz board clock by the PLL (DIVR %d, DIVF %d, DIVQ %d, FILTER_RANGE %d)",
        Ice40Pll.num(p.achievedMhz()), Ice40Pll.num(boardMhz()), p.divr(), p.divf(), p.divq(), p.filterRange()))
        .orElse("core clock = board clock " + Ice40Pll.num(boardMhz()) + " MHz (no PLL)");
  }

  /** The board clock in MHz. */
  public double boardMhz() {
    return boardHz / 1e6;
  }
}
