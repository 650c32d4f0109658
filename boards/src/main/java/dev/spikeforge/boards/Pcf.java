package dev.spikeforge.boards;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes nextpnr-ice40 physical constraints (PCF) for a design on a board: one {@code set_io} per
 * top-level port, to the pin of the board signal of the same name (or the signal named in
 * {@code pinMap}). A port without a board signal is an error that lists the board's signals.
 */
public final class Pcf {
  /** A top-level port of the synthesised design. */
  public record TopPort(String name, int width, BoardSignal.Direction direction) {}

  private Pcf() {}

  /**
   * The PCF text.
   *
   * @param pinMap port name → board signal name, for ports not named after a board signal
   * @throws IllegalArgumentException naming the first port that has no pin
   */
  public static String generate(Board board, String top, List<TopPort> ports, Map<String, String> pinMap) {
    StringBuilder sb = new StringBuilder();
    sb.append("# spikeforge: ").append(top).append(" on ").append(board.title()).append('\n');
    sb.append("# part ").append(board.part().name()).append(", package ").append(board.packageName())
        .append("; pins from ").append(board.source()).append('\n');
    for (TopPort p : ports) {
      String signalName = pinMap.getOrDefault(p.name(), p.name());
      if (p.width() != 1) {
        throw new IllegalArgumentException("top-level port " + p.name() + " of " + top + " is " + p.width()
            + " bits wide; board tops need 1-bit ports named after board signals");
      }
      BoardSignal s = board.signal(signalName).orElseThrow(() -> new IllegalArgumentException(
          "top-level port " + p.name() + " of " + top + " has no pin on " + board.name()
              + (signalName.equals(p.name()) ? "" : " (mapped to signal " + signalName + ")")
              + "; name the port after a board signal or map it with a pin map. Signals of "
              + board.name() + ": " + String.join(", ", signalNames(board))));
      if (s.direction() != BoardSignal.Direction.INOUT && p.direction() != BoardSignal.Direction.INOUT
          && s.direction() != p.direction()) {
        throw new IllegalArgumentException("top-level port " + p.name() + " of " + top + " is an "
            + p.direction().id() + "put but board signal " + s.name() + " is an " + s.direction().id() + "put");
      }
      sb.append("set_io ").append(p.name()).append(' ').append(s.pin())
          .append("  # ").append(s.name()).append(": ").append(s.description()).append('\n');
    }
    return sb.toString();
  }

  private static List<String> signalNames(Board board) {
    List<String> names = new ArrayList<>();
    for (BoardSignal s : board.signals()) {
      names.add(s.name());
    }
    return names;
  }
}
