package dev.spikeforge.boards.link;

import java.util.Locale;

/** A frame from the board to the host, decoded and checksum-verified by {@link FrameDecoder}. */
public sealed interface BoardFrame {
  /** CREDIT: the board has taken {@code creditChunk} more bytes out of its FIFO. */
  record Credit() implements BoardFrame {}

  /** INFO: the board's parameters (answer to IDENTIFY). */
  record Info(LinkParams params) implements BoardFrame {}

  /**
   * LEARNING (learning cores, after INFO): the learning-rate register's width and each layer's weight-memory words.
   */
  record Learning(int rateExponentWidth, java.util.List<Integer> depths) implements BoardFrame {}

  /** WORD: one weight word a READ asked for. */
  record Word(java.math.BigInteger word) implements BoardFrame {}

  /** RESULT: one sample's decision. */
  record Result(BoardResult result) implements BoardFrame {}

  /** ERROR: something went wrong on the board. */
  record Error(int code, int detail) implements BoardFrame {
    /** What the code means, e.g. "unknown command byte 0x41". */
    public String describe() {
      return switch (code) {
        case 1 -> detail == 'T' || detail == 'Q'
            ? String.format(Locale.ROOT, "the board does not know the %s command (0x%02x): its core only infers (link"
                + " version 2, built without --learning), so it skipped the byte and read the frame's payload as"
                + " commands", detail == 'T' ? "TRAIN" : "READ", detail)
            : String.format(Locale.ROOT, "the board received an unknown command byte 0x%02x", detail);
        case 2 -> "the board's UART saw a framing error (wrong baud rate or a noisy line)";
        case 3 -> "the board's receive FIFO overflowed (the host sent more than its credit)";
        case 4 -> "a frame stopped in the middle and timed out on the board; the core was reset (a TRAIN or READ"
            + " frame: dropped, the core untouched)";
        case 5 -> String.format(Locale.ROOT, "a spike index (low byte 0x%02x) is not an input channel of the board; "
            + "it was dropped", detail);
        case 6 -> "a LOAD frame named memory " + detail + ", which the board's core does not have; its words were"
            + " dropped (is the board's bitstream built from the same build directory structure?)";
        case 7 -> "a TRAIN frame's label (low byte " + detail + ") is not an output class of the board's core; the"
            + " command was dropped";
        case 8 -> "a TRAIN frame's learning-rate exponent " + detail + " does not fit the core's register; the command"
            + " was dropped";
        case 9 -> "a TRAIN frame carried " + detail + " rounding states, not one per layer of the core's learning unit;"
            + " the command was dropped";
        case 10 -> "a READ frame named layer " + detail + ", which the core's learning unit does not have";
        case 11 -> "a READ frame asked for words beyond layer " + detail + "'s weight memory";
        default -> "unknown error code " + code + " (detail " + detail + ")";
      };
    }
  }
}
