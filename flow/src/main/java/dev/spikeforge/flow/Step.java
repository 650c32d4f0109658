package dev.spikeforge.flow;

import java.util.Locale;

/** The steps of a build, in the order {@link Flow#run} runs them. */
public enum Step {
  TRAIN, QUANTIZE, COMPILE, VERIFY, BITSTREAM, REPORT;

  /** The step's name in the build directory's ledgers: {@code train}, {@code quantize}, … */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
