package dev.spikeforge.compiler.map;

import dev.spikeforge.golden.spec.SpecException;

/**
 * How to map a network onto the neuron-array core.
 *
 * @param lanes P, neurons per clock in every layer (capped at each layer's size); 0 = all (P = N,
 *     fully parallel)
 * @param inputWordWidth input spike bits per event-list entry, a power of two 1..64; 0 = automatic
 *     (8 when layer 0 uses popcount chunks, else 1)
 */
public record MappingOptions(int lanes, int inputWordWidth) {
  /** The automatic input word width. */
  public static final int AUTO = 0;
  /** {@code lanes} meaning "one lane per neuron". */
  public static final int ALL_LANES = 0;

  public MappingOptions {
    SpecException.inRange(lanes, 0, 65536, "lanes", "0 = one lane per neuron");
    SpecException.check(inputWordWidth == AUTO || (inputWordWidth <= 64 && Integer.bitCount(inputWordWidth) == 1),
        "inputWordWidth", inputWordWidth + " must be 0 (automatic) or a power of two up to 64");
  }

  /** P lanes, automatic input word width. */
  public static MappingOptions lanes(int lanes) {
    return new MappingOptions(lanes, AUTO);
  }

  /** The text form used in config.json and on the command line: a number or {@code all}. */
  public String lanesText() {
    return lanes == ALL_LANES ? "all" : Integer.toString(lanes);
  }
}
