package dev.spikeforge.boards;

import java.util.Locale;

/**
 * A board-level signal on a package pin. A top-level port with the same name is constrained to the
 * pin (the flow writes the PCF from these).
 *
 * @param name        signal name, a Verilog identifier (e.g. {@code uart_rx}, {@code led0})
 * @param pin         package pin, e.g. {@code 35} (QFN) or {@code J3} (BGA)
 * @param direction   seen from the FPGA
 * @param activeLow   true if the signal is asserted at 0 (LEDs lit by 0, buttons pressed = 0)
 * @param description what it is on the board
 */
public record BoardSignal(String name, String pin, Direction direction, boolean activeLow, String description) {

  /** Direction of a signal, seen from the FPGA. */
  public enum Direction {
    IN, OUT, INOUT;

    /** The JSON spelling: {@code in}, {@code out}, {@code inout}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Direction fromId(String id) {
      for (Direction d : values()) {
        if (d.id().equals(id)) {
          return d;
        }
      }
      throw new IllegalArgumentException("'" + id + "' is not one of in, out, inout");
    }
  }

  public BoardSignal {
    if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new BoardFormatException("signals[].name", "must be a Verilog identifier, got " + name);
    }
    if (pin == null || !pin.matches("[A-Za-z0-9_]+")) {
      throw new BoardFormatException("signals." + name + ".pin", "must be a package pin name, got " + pin);
    }
    if (direction == null) {
      throw new BoardFormatException("signals." + name + ".direction", "missing");
    }
    if (description == null) {
      description = "";
    }
  }
}
