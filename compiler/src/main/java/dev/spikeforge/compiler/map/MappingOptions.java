package dev.spikeforge.compiler.map;

import dev.spikeforge.golden.spec.SpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How to map a network onto the neuron-array core.
 *
 * @param lanes P, neurons per clock in every layer (capped at each layer's size); 0 = all (P = N,
 *     fully parallel). With per-layer counts: the largest of them
 * @param inputWordWidth input spike bits per event-list entry, a power of two 1..64; 0 = automatic
 *     (8 when layer 0 uses popcount chunks, else 1)
 * @param weightMemory where weight memories go: AUTO (block RAM, SPRAM for those that do not fit
 *     the target part's block RAM), BLOCK_RAM (all), SPRAM (all; for tests and boards that reload
 *     weights)
 * @param layerLanes null: every layer gets {@code min(lanes, size)}; else one lane count per layer, each
 *     1..the layer's size (checked against the network by {@link HwMapper}: {@code --lanes 16,2})
 */
public record MappingOptions(int lanes, int inputWordWidth, WeightMemory weightMemory, List<Integer> layerLanes) {
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
    if (layerLanes != null) {
      SpecException.check(!layerLanes.isEmpty(), "lanes", "the per-layer lane counts are empty; give one count per"
          + " layer (e.g. 16,2), one count for every layer, or 'all'");
      for (int l = 0; l < layerLanes.size(); l++) {
        Integer n = layerLanes.get(l);
        SpecException.check(n != null && n >= 1 && n <= 65536, "lanes", "layer " + l + "'s lane count " + n
            + " must be at least 1 (one count per layer, e.g. 16,2)");
      }
      layerLanes = List.copyOf(layerLanes);
      int most = layerLanes.stream().mapToInt(Integer::intValue).max().getAsInt();
      SpecException.check(lanes == most, "lanes", lanes + " must be the largest per-layer lane count, " + most);
    }
  }

  /** Automatic weight-memory placement. */
  public MappingOptions(int lanes, int inputWordWidth) {
    this(lanes, inputWordWidth, WeightMemory.AUTO);
  }

  /** The same P for every layer (capped at each layer's size). */
  public MappingOptions(int lanes, int inputWordWidth, WeightMemory weightMemory) {
    this(lanes, inputWordWidth, weightMemory, null);
  }

  /** P lanes, automatic input word width. */
  public static MappingOptions lanes(int lanes) {
    return new MappingOptions(lanes, AUTO);
  }

  /** One lane count per layer, automatic input word width and weight-memory placement. */
  public static MappingOptions perLayer(List<Integer> counts) {
    return perLayer(counts, AUTO, WeightMemory.AUTO);
  }

  /** One lane count per layer ({@code counts}, each ≥ 1). */
  public static MappingOptions perLayer(List<Integer> counts, int inputWordWidth, WeightMemory weightMemory) {
    SpecException.check(counts != null && !counts.isEmpty() && counts.stream().allMatch(c -> c != null && c >= 1),
        "lanes", "per-layer lane counts " + counts + " must be one count of at least 1 per layer (e.g. 16,2)");
    return new MappingOptions(counts.stream().mapToInt(Integer::intValue).max().getAsInt(), inputWordWidth,
        weightMemory, counts);
  }

  public MappingOptions withWeightMemory(WeightMemory w) {
    return new MappingOptions(lanes, inputWordWidth, w, layerLanes);
  }

  /** Whether the lane count is given per layer. */
  public boolean perLayerLanes() {
    return layerLanes != null;
  }

  /**
   * The lanes of layer {@code l} of {@code size} neurons in a network of {@code layers} layers: its own count, or
   * {@code min(P, size)} ({@code size} for {@code all}).
   *
   * @throws SpecException when per-layer counts do not match the network: not one per layer, or one larger than its
   *     layer
   */
  public int lanesOf(int l, int size, int layers) {
    if (layerLanes == null) {
      return lanes == ALL_LANES ? size : Math.min(lanes, size);
    }
    SpecException.check(layerLanes.size() == layers, "lanes", layerLanes.size() + " lane count"
        + (layerLanes.size() == 1 ? "" : "s") + " (" + lanesText() + ") for a network of " + layers + " layer"
        + (layers == 1 ? "" : "s") + "; give one count per layer, or one number for every layer");
    int n = layerLanes.get(l);
    SpecException.check(n <= size, "lanes", "layer " + l + " has " + size + " neuron" + (size == 1 ? "" : "s")
        + " but its lane count is " + n + " (" + lanesText() + "); give it at most " + size + " lanes");
    return n;
  }

  /** The text form used in config.json and on the command line: a number, {@code all}, or per-layer counts {@code 16,2}. */
  public String lanesText() {
    if (layerLanes != null) {
      StringBuilder sb = new StringBuilder();
      for (int n : layerLanes) {
        sb.append(sb.length() == 0 ? "" : ",").append(n);
      }
      return sb.toString();
    }
    return lanes == ALL_LANES ? "all" : Integer.toString(lanes);
  }

  /**
   * Parses {@link #lanesText()}: a number ≥ 1, {@code all}, or a comma-separated list of per-layer counts ≥ 1.
   *
   * @param field what the text is called in an error ({@code --lanes}, {@code config.json: lanes})
   * @throws SpecException naming {@code field} and the part that is not a count
   */
  public static MappingOptions parseLanes(String text, int inputWordWidth, WeightMemory weightMemory, String field) {
    SpecException.check(text != null && !text.isBlank(), "lanes", field + " is empty; give a number of lanes, 'all',"
        + " or one count per layer (e.g. 16,2)");
    if (text.equals("all")) {
      return new MappingOptions(ALL_LANES, inputWordWidth, weightMemory);
    }
    String[] parts = text.split(",", -1);
    List<Integer> counts = new ArrayList<>();
    for (String p : parts) {
      int n;
      try {
        n = Integer.parseInt(p.trim());
      } catch (NumberFormatException e) {
        throw new SpecException("lanes", field + " '" + text + "': '" + p + "' is not a number; give a number of"
            + " lanes, 'all', or one count per layer (e.g. 16,2)");
      }
      SpecException.check(n >= 1, "lanes", field + " '" + text + "': " + n + " lanes; every count must be at least 1"
          + (parts.length == 1 ? " (or 'all')" : ""));
      counts.add(n);
    }
    return counts.size() == 1 ? new MappingOptions(counts.get(0), inputWordWidth, weightMemory)
        : perLayer(counts, inputWordWidth, weightMemory);
  }
}
