package dev.spikeforge.compiler.map;

import dev.spikeforge.golden.spec.SpecException;
import java.util.Locale;

/**
 * How to map a network onto the neuron-array core.
 *
 * @param lanes P, neurons per clock in every layer (capped at each layer's size); 0 = all (P = N,
 *     fully parallel)
 * @param inputWordWidth input spike bits per event-list entry, a power of two 1..64; 0 = automatic
 *     (8 when layer 0 uses popcount chunks, else 1)
 * @param weightMemory where weight memories go: AUTO (block RAM, SPRAM for those that do not fit
 *     the target part's block RAM), BLOCK_RAM (all), SPRAM (all; for tests and boards that reload
 *     weights)
 */
public record MappingOptions(int lanes, int inputWordWidth, WeightMemory weightMemory) {
  /** The automatic input word width. */
  public static final int AUTO = 0;
  /** {@code lanes} meaning "one lane per neuron". */
  public static final int ALL_LANES = 0;

  /** Weight-memory placement policy. */
  public enum WeightMemory {
    AUTO,
    BLOCK_RAM,
    SPRAM;

    /** Text form: {@code auto}, {@code bram}, {@code spram}. */
    public String text() {
      return this == BLOCK_RAM ? "bram" : name().toLowerCase(Locale.ROOT);
    }

    public static WeightMemory parse(String s) {
      for (WeightMemory w : values()) {
        if (w.text().equals(s)) {
          return w;
        }
      }
      throw new SpecException("weightMemory", "'" + s + "' is not a weight-memory placement; choose auto, bram or spram");
    }
  }

  public MappingOptions {
    SpecException.inRange(lanes, 0, 65536, "lanes", "0 = one lane per neuron");
    SpecException.check(inputWordWidth == AUTO || (inputWordWidth <= 64 && Integer.bitCount(inputWordWidth) == 1),
        "inputWordWidth", inputWordWidth + " must be 0 (automatic) or a power of two up to 64");
    SpecException.check(weightMemory != null, "weightMemory", "missing (auto, bram or spram)");
  }

  /** Automatic weight-memory placement. */
  public MappingOptions(int lanes, int inputWordWidth) {
    this(lanes, inputWordWidth, WeightMemory.AUTO);
  }

  /** P lanes, automatic input word width. */
  public static MappingOptions lanes(int lanes) {
    return new MappingOptions(lanes, AUTO);
  }

  public MappingOptions withWeightMemory(WeightMemory w) {
    return new MappingOptions(lanes, inputWordWidth, w);
  }

  /** The text form used in config.json and on the command line: a number or {@code all}. */
  public String lanesText() {
    return lanes == ALL_LANES ? "all" : Integer.toString(lanes);
  }
}
