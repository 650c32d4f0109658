package dev.spikeforge.flow;

import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.flow.CoreClock;
import dev.spikeforge.boards.flow.FlowException;

/** The core clock of a requested frequency on a board. */
public final class Clocks {
  private Clocks() {}

  /**
   * The core clock of {@code freqMhz} on {@code board} (the board clock when null).
   *
   * @throws ConfigException on {@code bitstream.freqMhz} for a frequency the PLL cannot make, before
   *                         anything is written
   */
  public static CoreClock coreClock(Board board, Double freqMhz) {
    if (freqMhz == null) {
      return CoreClock.ofBoard(board);
    }
    ConfigException.require(Double.isFinite(freqMhz) && freqMhz > 0, "bitstream.freqMhz",
        "must be a positive, finite number of MHz, got " + freqMhz);
    try {
      return CoreClock.forRequest(board, freqMhz);
    } catch (FlowException e) { // its message begins with "--freq": the CLI's option names the field
      throw new ConfigException("bitstream.freqMhz", e.getMessage().replaceFirst("^--freq ", ""));
    }
  }
}
