package dev.spikeforge.boards.link;

import java.util.Locale;

/** A frame from the board to the host, decoded and checksum-verified by {@link FrameDecoder}. */
public sealed interface BoardFrame {
  /** CREDIT: the board has taken {@code creditChunk} more bytes out of its FIFO. */
  record Credit() implements BoardFrame {}

  /** INFO: the board's parameters (answer to IDENTIFY). */
  record Info(LinkParams params) implements BoardFrame {}

  /** RESULT: one sample's decision. */
  record Result(BoardResult result) implements BoardFrame {}

  /** ERROR: something went wrong on the board. */
  record Error(int code, int detail) implements BoardFrame {
    /** What the code means, e.g. "unknown command byte 0x41". */
    public String describe() {
      return switch (code) {
        case 1 -> String.format(Locale.ROOT, "the board received an unknown command byte 0x%02x", detail);
        case 2 -> "the board's UART saw a framing error (wrong baud rate or a noisy line)";
        case 3 -> "the board's receive FIFO overflowed (the host sent more than its credit)";
        case 4 -> "a frame stopped in the middle and timed out on the board; the core was reset";
        case 5 -> String.format(Locale.ROOT, "a spike index (low byte 0x%02x) is not an input channel of the board; "
            + "it was dropped", detail);
        case 6 -> "a LOAD frame named memory " + detail + ", which the board's core does not have; its words were"
            + " dropped (is the board's bitstream built from the same build directory structure?)";
        default -> "unknown error code " + code + " (detail " + detail + ")";
      };
    }
  }
}
