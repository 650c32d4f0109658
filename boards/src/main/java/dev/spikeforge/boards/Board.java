package dev.spikeforge.boards;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A development board: its FPGA, package, clock and named signals. Bundled boards come from JSON
 * resources ({@link Boards}); a user's board is a JSON file of the same form.
 *
 * @param name        short name used on the command line, e.g. {@code icebreaker}
 * @param title       human-readable name
 * @param part        the FPGA
 * @param packageName package as nextpnr spells it, e.g. {@code sg48}
 * @param packageIo   user I/O pins of that package (the flow checks a design's ports against it)
 * @param clock       name of the signal that carries the board clock
 * @param clockHz     its frequency
 * @param signals     every signal the board offers, including the clock
 * @param pllPads     pins of the package that feed a PLL directly (an iCE40 PLL's own pad: a clock
 *                    there needs {@code SB_PLL40_PAD}, any other pin {@code SB_PLL40_CORE}); empty
 *                    if none is known
 * @param source      where the pin numbers come from
 */
public record Board(
    String name,
    String title,
    Part part,
    String packageName,
    int packageIo,
    String clock,
    long clockHz,
    List<BoardSignal> signals,
    List<String> pllPads,
    String source) {

  public Board {
    require(name != null && name.matches("[a-z0-9][a-z0-9-]*"), "name",
        "must be lower-case letters, digits and dashes, got " + name);
    require(title != null && !title.isBlank(), "title", "must not be empty");
    require(part != null, "part", "missing");
    require(packageName != null && packageName.matches("[a-z0-9]+"), "package",
        "must be lower-case letters and digits, got " + packageName);
    require(packageIo > 0, "packageIo", "must be positive, got " + packageIo);
    require(clockHz > 0, "clockHz", "must be positive, got " + clockHz);
    signals = List.copyOf(signals);
    Set<String> names = new HashSet<>();
    Set<String> pins = new HashSet<>();
    for (BoardSignal s : signals) {
      require(names.add(s.name()), "signals." + s.name(), "listed twice");
      require(pins.add(s.pin()), "signals." + s.name() + ".pin", "pin " + s.pin() + " is used by two signals");
    }
    require(names.contains(clock), "clock", "names no signal of the board: " + clock);
    pllPads = List.copyOf(pllPads);
    require(new HashSet<>(pllPads).size() == pllPads.size(), "pllPads", "lists a pin twice: " + pllPads);
    require(signals.size() <= packageIo, "signals", signals.size() + " signals but the package has "
        + packageIo + " user I/O pins");
    require(source != null && !source.isBlank(), "source", "say where the pin numbers come from");
  }

  /** The signal called {@code name}, if the board has one. */
  public Optional<BoardSignal> signal(String name) {
    return signals.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** Whether the board clock arrives on a PLL's own pad ({@link #pllPads}). */
  public boolean clockOnPllPad() {
    return signal(clock).map(s -> pllPads.contains(s.pin())).orElse(false);
  }

  /** Board clock in MHz. */
  public double clockMhz() {
    return clockHz / 1e6;
  }

  private static void require(boolean ok, String field, String message) {
    if (!ok) {
      throw new BoardFormatException(field, message);
    }
  }
}
