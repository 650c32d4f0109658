package dev.spikeforge.compiler.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.HwLearning;
import java.util.List;

/**
 * The fully resolved compile configuration, written to {@code config.json}.
 *
 * @param mapping lanes (one number, {@code all}, or one count per layer) and input word width
 * @param board target board name ({@link #BOARDS}); its part's block RAM and SPRAM decide where weight
 *     memories go ({@link MemoryTarget}); recorded, and used by later flows
 * @param smokeSamples samples of the smoke stimulus written to {@code vectors/}
 * @param smokeSeed seed of the smoke stimulus
 * @param source where {@code network.json} came from when it was quantized from a float model, or
 *     null when the input was an integer network
 * @param learning the learning unit of a learning core ({@code compile --learning desire}), or null for an
 *     inference-only core
 */
public record CompileConfig(MappingOptions mapping, String board, int smokeSamples, long smokeSeed, SourceModel source,
    Learning learning) {

  /**
   * The learning unit of a learning core: its spec (what the hardware is elaborated from) and the
   * description of the rule's configuration it was computed from (training's {@code DesireConfig}
   * description: hyper-parameters, widths, seed), which a verification rebuilds the golden reference from.
   * The compiler records both and checks the spec; it does not interpret {@code run}.
   *
   * @param spec the learning unit's spec (desire or three-factor)
   * @param run the rule configuration's description (a JSON object)
   */
  public record Learning(HwLearning spec, JsonNode run) {
    public Learning {
      SpecException.check(spec != null, "learning.spec", "missing");
      SpecException.check(run != null && run.isObject(), "learning.run", "missing: the rule configuration's description");
      run = canonical(run);
    }

    /** {@code n} as config.json gives it back (numbers in the node types a reader picks), so equality survives a round trip. */
    private static JsonNode canonical(JsonNode n) {
      try {
        return Json.MAPPER.readTree(Json.write(n));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public JsonNode run() {
      return run.deepCopy();
    }
  }

  public CompileConfig(MappingOptions mapping, String board, int smokeSamples, long smokeSeed, SourceModel source) {
    this(mapping, board, smokeSamples, smokeSeed, source, null);
  }

  /**
   * A float model quantized by the compile.
   *
   * @param format its file format ({@code spikeforge.float-network})
   * @param sha256 SHA-256 of the float model file
   * @param weightWidth quantized weight width (DENSE layers)
   * @param membraneWidth quantized membrane width, a number or {@code auto}
   */
  public record SourceModel(String format, String sha256, int weightWidth, String membraneWidth) {}

  public CompileConfig(MappingOptions mapping, String board, int smokeSamples, long smokeSeed) {
    this(mapping, board, smokeSamples, smokeSeed, null);
  }
  /** Boards a build can target. */
  public static final List<String> BOARDS = MemoryTarget.boardNames();

  public CompileConfig {
    SpecException.check(mapping != null, "mapping", "missing");
    SpecException.check(board != null && BOARDS.contains(board), "board",
        "'" + board + "' is not a known board; choose one of " + String.join(", ", BOARDS));
    SpecException.inRange(smokeSamples, 1, 10000, "smokeSamples", "");
  }

  /** P lanes, generic board, 4 smoke samples. */
  public static CompileConfig lanes(int lanes) {
    return new CompileConfig(MappingOptions.lanes(lanes), "generic", 4, 1);
  }

  public CompileConfig withMapping(MappingOptions m) {
    return new CompileConfig(m, board, smokeSamples, smokeSeed, source, learning);
  }

  public CompileConfig withBoard(String b) {
    return new CompileConfig(mapping, b, smokeSamples, smokeSeed, source, learning);
  }

  public CompileConfig withSource(SourceModel s) {
    return new CompileConfig(mapping, board, smokeSamples, smokeSeed, s, learning);
  }

  /** This configuration compiling a learning core with {@code l} (null: inference only). */
  public CompileConfig withLearning(Learning l) {
    return new CompileConfig(mapping, board, smokeSamples, smokeSeed, source, l);
  }

  /** The learning unit's spec, or null for an inference-only core. */
  public HwLearning learningSpec() {
    return learning == null ? null : learning.spec();
  }

  ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("format", "spikeforge.compile-config");
    o.put("version", 1);
    o.put("lanes", mapping.lanesText());
    o.put("inputWordWidth", mapping.inputWordWidth() == MappingOptions.AUTO ? "auto"
        : Integer.toString(mapping.inputWordWidth()));
    o.put("weightMemory", mapping.weightMemory().text());
    o.put("board", board);
    o.put("smokeSamples", smokeSamples);
    o.put("smokeSeed", smokeSeed);
    if (source != null) {
      ObjectNode src = o.putObject("source");
      src.put("format", source.format());
      src.put("sha256", source.sha256());
      src.put("weightWidth", source.weightWidth());
      src.put("membraneWidth", source.membraneWidth());
    }
    if (learning != null) {
      ObjectNode l = o.putObject("learning");
      l.set("spec", LearningJson.spec(learning.spec()));
      l.set("run", learning.run());
    }
    return o;
  }

  static CompileConfig fromJson(JsonNode o) {
    Json.expect(o, "format", "spikeforge.compile-config", "config.json");
    if (o.path("version").asInt() != 1) {
      throw new SpecException("version", "config.json version " + o.path("version") + " is not supported (expected 1)");
    }
    String lanes = Json.text(o, "lanes", "config.json");
    String iw = Json.text(o, "inputWordWidth", "config.json");
    int w;
    try {
      w = iw.equals("auto") ? MappingOptions.AUTO : Integer.parseInt(iw);
    } catch (NumberFormatException e) {
      throw new SpecException("inputWordWidth", "config.json: inputWordWidth must be a number or 'auto', not '" + iw + "'");
    }
    JsonNode wm = o.get("weightMemory");
    MappingOptions.WeightMemory weightMemory = wm == null ? MappingOptions.WeightMemory.AUTO
        : MappingOptions.WeightMemory.parse(wm.asText());
    MappingOptions mapping = MappingOptions.parseLanes(lanes, w, weightMemory, "config.json: lanes");
    JsonNode src = o.get("source");
    SourceModel source = src == null ? null : new SourceModel(Json.text(src, "format", "config.json"),
        Json.text(src, "sha256", "config.json"), src.path("weightWidth").asInt(), Json.text(src, "membraneWidth",
        "config.json"));
    JsonNode l = o.get("learning");
    Learning learning = l == null ? null
        : new Learning(LearningJson.readUnit(l.get("spec"), "config.json: learning.spec"), l.get("run"));
    return new CompileConfig(mapping, Json.text(o, "board", "config.json"),
        o.path("smokeSamples").asInt(), o.path("smokeSeed").asLong(), source, learning);
  }
}
