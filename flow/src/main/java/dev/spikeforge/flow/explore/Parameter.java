package dev.spikeforge.flow.explore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.boards.Boards;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A setting of one point of a sweep: what can be an axis (a list of values under {@code axes}) or held
 * fixed (one value under {@code fixed}). Each constant documents itself ({@link #doc()}, {@link #accepts()}):
 * docs/explore.md's table is this enum, and a test checks that they agree.
 */
public enum Parameter {
  /** Signed weight bits of every non-binarized layer. */
  WEIGHT_BITS("weightBits", "4", "integer 2..16", "signed weight bits of every non-binarized layer (quantization)"),
  /** Membrane bits, or calibrate. */
  MEMBRANE_BITS("membraneBits", "\"calibrate\"", "integer 4..32 or \"calibrate\"",
      "signed membrane bits, or \"calibrate\": the narrowest width within 0.2 points of 16-bit membranes on the"
          + " calibration images (CalibrationRule)"),
  /** Lanes per layer. */
  LANES("lanes", "4", "integer 1..256", "neurons updated per clock in each layer (the mapping's P)"),
  /** Weight memory placement. */
  WEIGHT_MEMORY("weightMemory", "\"auto\"", "\"auto\", \"bram\" or \"spram\"",
      "where weight memories go: auto (block RAM, SPRAM for those that do not fit), bram, spram"),
  /** Layers binarized. */
  BINARIZE("binarize", "[]", "list of layer names, e.g. [\"fc1\"]",
      "layers made BINARIZED (1-bit weights, w -> alpha sign w) before quantization; [] for none"),
  /** Early exit K. */
  EARLY_EXIT("earlyExit", "0", "integer 0..255",
      "0: spike-count readout over all T steps; K >= 1: first-to-fire readout deciding at K output spikes"),
  /** Input encoder. */
  ENCODER("encoder", "\"rate\"", "\"rate\", \"latency\" or \"poisson\"",
      "how pixels become spikes for calibration, accuracy and the cycle count (golden-model encoders)"),
  /** Time steps per image. */
  TIMESTEPS("timesteps", "20", "integer 1..1000", "T, time steps per image (the float model is run at this T)"),
  /** Board. */
  BOARD("board", "\"icebreaker\"", "\"icebreaker\" or \"hx8k-breakout\"",
      "target board: its part's block RAM, SPRAM and logic cells, its clock (latency, energy), its power model"),
  /** On-chip learning unit. */
  LEARNING("learning", "\"none\"", "\"none\" or \"desire\"",
      "none: an inference core; desire: a learning core with the desire learning unit (compile --learning desire),"
          + " its hardware counted by yosys (docs/explore.md)");

  /** Learning units a sweep can name. */
  public static final List<String> LEARNING_UNITS = List.of("none", "desire");

  /** Encoders a sweep can name. */
  public static final List<String> ENCODERS = List.of("rate", "latency", "poisson");

  private final String key;
  private final String defaultJson;
  private final String accepts;
  private final String doc;

  Parameter(String key, String defaultJson, String values, String doc) {
    this.key = key;
    this.defaultJson = defaultJson;
    this.accepts = values;
    this.doc = doc;
  }

  /** The name in the sweep file. */
  public String key() {
    return key;
  }

  /** The value when neither an axis nor fixed, as JSON. */
  public String defaultJson() {
    return defaultJson;
  }

  /** What values it takes. */
  public String accepts() {
    return accepts;
  }

  /** What it means. */
  public String doc() {
    return doc;
  }

  /** The parameter named {@code key} in a sweep file, or null. */
  public static Parameter byKey(String key) {
    for (Parameter p : values()) {
      if (p.key.equals(key)) {
        return p;
      }
    }
    return null;
  }

  /** Every key, for messages. */
  public static String keys() {
    List<String> k = new ArrayList<>();
    for (Parameter p : values()) {
      k.add(p.key);
    }
    return String.join(", ", k);
  }

  /**
   * One value of this parameter from JSON, validated and normalized: an Integer, a String or a sorted
   * List of Strings.
   */
  Object parse(JsonNode v, String field) {
    return switch (this) {
      case WEIGHT_BITS -> integer(v, field, 2, 16);
      case MEMBRANE_BITS -> v.isTextual() ? oneOf(v, field, List.of("calibrate")) : integer(v, field, 4, 32);
      case LANES -> integer(v, field, 1, 256);
      case WEIGHT_MEMORY -> oneOf(v, field, List.of("auto", "bram", "spram"));
      case BINARIZE -> layers(v, field);
      case EARLY_EXIT -> integer(v, field, 0, 255);
      case ENCODER -> oneOf(v, field, ENCODERS);
      case TIMESTEPS -> integer(v, field, 1, 1000);
      case BOARD -> oneOf(v, field, Boards.BUNDLED);
      case LEARNING -> oneOf(v, field, LEARNING_UNITS);
    };
  }

  private static Integer integer(JsonNode v, String field, int min, int max) {
    SweepException.require(v.isIntegralNumber() && v.canConvertToInt(), field,
        "must be an integer in " + min + ".." + max + ", got " + v);
    int n = v.intValue();
    SweepException.require(n >= min && n <= max, field, "must be in " + min + ".." + max + ", got " + n);
    return n;
  }

  private static String oneOf(JsonNode v, String field, List<String> allowed) {
    SweepException.require(v.isTextual() && allowed.contains(v.textValue()), field,
        "must be one of " + String.join(", ", allowed.stream().map(s -> "\"" + s + "\"").toList()) + ", got " + v);
    return v.textValue();
  }

  private static List<String> layers(JsonNode v, String field) {
    SweepException.require(v.isArray(), field, "must be a list of layer names such as [\"fc1\"] ([] for none), got " + v);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode n = v.get(i);
      SweepException.require(n.isTextual() && !n.textValue().isBlank(), field + "[" + i + "]",
          "must be a layer name such as \"fc1\", got " + n);
      SweepException.require(!out.contains(n.textValue()), field + "[" + i + "]", "names " + n + " twice");
      out.add(n.textValue());
    }
    out.sort(null);
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return key.toLowerCase(Locale.ROOT);
  }
}
