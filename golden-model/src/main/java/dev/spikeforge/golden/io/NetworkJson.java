package dev.spikeforge.golden.io;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ReadoutMode;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.SpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The versioned JSON format of an integer network ({@code "format": "spikeforge.network"}, schema
 * version {@value #SCHEMA_VERSION}); see {@code docs/model-format.md}. Reading is strict: unknown
 * fields, wrong types and out-of-range values are rejected with the path of the field. Writing is
 * canonical (fixed field order, no timestamps), so the same network always gives the same bytes
 * and the same {@link #contentHash}.
 */
public final class NetworkJson {
  public static final String FORMAT = "spikeforge.network";
  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final Set<String> TOP = Set.of(
      "format", "schemaVersion", "numericsVersion", "name", "inputSize", "timesteps", "readout", "layers");
  private static final Set<String> READOUT = Set.of("mode", "decisionCount");
  private static final Set<String> LAYER = Set.of(
      "name", "kind", "inputSize", "size", "weightWidth", "neuron", "maxDelay", "weights", "axonalDelays",
      "synapticDelays", "recurrentWeights", "recurrentDelays");
  private static final Set<String> NEURON = Set.of("membraneWidth", "threshold", "leakShift", "reset");

  private NetworkJson() {}

  /** Reads and validates a network file. */
  public static NetworkSpec read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ModelFormatException("model file " + file + " does not exist");
    } catch (IOException e) {
      throw new ModelFormatException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(text);
    } catch (SpecException e) {
      throw new SpecException(file + ": " + e.field(), e.getMessage().substring(e.field().length() + 2));
    } catch (ModelFormatException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e.getCause());
    }
  }

  /** Parses and validates a network from JSON text. */
  public static NetworkSpec parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonParseException e) {
      throw new ModelFormatException("not valid JSON (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ModelFormatException("not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new ModelFormatException("empty file; expected a JSON object with \"format\": \"" + FORMAT + "\"");
    }
    JsonFields top = new JsonFields(root, "", TOP);
    String format = top.string("format");
    if (!FORMAT.equals(format)) {
      throw new SpecException("format", "'" + format + "' is not a spikeforge network; expected '" + FORMAT + "'");
    }
    int schema = top.intValue("schemaVersion");
    if (schema != SCHEMA_VERSION) {
      throw new SpecException("schemaVersion", schema + " is not supported; this spikeforge reads schema version "
          + SCHEMA_VERSION);
    }
    JsonFields ro = top.object("readout", READOUT);
    ReadoutSpec readout = build("readout", () -> new ReadoutSpec(
        ro.enumValue("mode", ReadoutMode.class), ro.intOr("decisionCount", 1)));
    JsonNode layersNode = top.get("layers");
    if (!layersNode.isArray()) {
      throw new SpecException("layers", "expected an array of layer objects");
    }
    List<LayerSpec> layers = new ArrayList<>();
    for (int l = 0; l < layersNode.size(); l++) {
      String p = "layers[" + l + "]";
      layers.add(readLayer(new JsonFields(layersNode.get(l), p, LAYER), p));
    }
    return build("", () -> new NetworkSpec(
        top.string("name"), top.intValue("numericsVersion"), top.intValue("inputSize"), top.intValue("timesteps"),
        layers, readout));
  }

  private static LayerSpec readLayer(JsonFields f, String path) {
    JsonFields n = f.object("neuron", NEURON);
    NeuronSpec neuron = build(path + ".neuron", () -> new NeuronSpec(
        n.intValue("membraneWidth"), n.integer("threshold"), n.intOr("leakShift", 0),
        n.enumValue("reset", ResetMode.class)));
    return build(path, () -> new LayerSpec(
        f.string("name"),
        f.enumValue("kind", LayerKind.class),
        f.intValue("inputSize"),
        f.intValue("size"),
        f.intValue("weightWidth"),
        neuron,
        f.intMatrix("weights"),
        f.intOr("maxDelay", 0),
        f.has("axonalDelays") ? f.intArray("axonalDelays") : null,
        f.has("synapticDelays") ? f.intMatrix("synapticDelays") : null,
        f.has("recurrentWeights") ? f.intMatrix("recurrentWeights") : null,
        f.has("recurrentDelays") ? f.intMatrix("recurrentDelays") : null));
  }

  private interface Builder<T> {
    T get();
  }

  /** Runs a record constructor, putting {@code path} in front of the field of any error. */
  private static <T> T build(String path, Builder<T> b) {
    try {
      return b.get();
    } catch (SpecException e) {
      if (path.isEmpty() || e.field().startsWith(path + ".") || e.field().startsWith(path + "[")) {
        throw e;
      }
      throw e.under(path);
    }
  }

  /** Canonical JSON text of a network. */
  public static String write(NetworkSpec net) {
    StringBuilder sb = new StringBuilder(1 << 16);
    sb.append("{\n");
    sb.append("  \"format\": \"").append(FORMAT).append("\",\n");
    sb.append("  \"schemaVersion\": ").append(SCHEMA_VERSION).append(",\n");
    sb.append("  \"numericsVersion\": ").append(net.numericsVersion()).append(",\n");
    sb.append("  \"name\": \"").append(net.name()).append("\",\n");
    sb.append("  \"inputSize\": ").append(net.inputSize()).append(",\n");
    sb.append("  \"timesteps\": ").append(net.timesteps()).append(",\n");
    sb.append("  \"readout\": {\"mode\": \"").append(net.readout().mode()).append("\", \"decisionCount\": ")
        .append(net.readout().decisionCount()).append("},\n");
    sb.append("  \"layers\": [");
    for (int l = 0; l < net.layers().size(); l++) {
      LayerSpec layer = net.layers().get(l);
      NeuronSpec n = layer.neuron();
      sb.append(l == 0 ? "\n" : ",\n");
      sb.append("    {\n");
      sb.append("      \"name\": \"").append(layer.name()).append("\",\n");
      sb.append("      \"kind\": \"").append(layer.kind()).append("\",\n");
      sb.append("      \"inputSize\": ").append(layer.inputSize()).append(",\n");
      sb.append("      \"size\": ").append(layer.size()).append(",\n");
      sb.append("      \"weightWidth\": ").append(layer.weightWidth()).append(",\n");
      sb.append("      \"neuron\": {\"membraneWidth\": ").append(n.membraneWidth()).append(", \"threshold\": ")
          .append(n.threshold()).append(", \"leakShift\": ").append(n.leakShift()).append(", \"reset\": \"")
          .append(n.reset()).append("\"},\n");
      sb.append("      \"maxDelay\": ").append(layer.maxDelay());
      matrix(sb, "weights", layer.weights());
      if (layer.axonalDelays() != null) {
        sb.append(",\n      \"axonalDelays\": ");
        row(sb, layer.axonalDelays());
      }
      matrix(sb, "synapticDelays", layer.synapticDelays());
      matrix(sb, "recurrentWeights", layer.recurrentWeights());
      matrix(sb, "recurrentDelays", layer.recurrentDelays());
      sb.append("\n    }");
    }
    sb.append("\n  ]\n}\n");
    return sb.toString();
  }

  private static void matrix(StringBuilder sb, String field, int[][] m) {
    if (m == null) {
      return;
    }
    sb.append(",\n      \"").append(field).append("\": [");
    for (int j = 0; j < m.length; j++) {
      sb.append(j == 0 ? "\n        " : ",\n        ");
      row(sb, m[j]);
    }
    sb.append("\n      ]");
  }

  private static void row(StringBuilder sb, int[] r) {
    sb.append('[');
    for (int i = 0; i < r.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(r[i]);
    }
    sb.append(']');
  }

  /** Writes the canonical JSON atomically (temporary file, then rename). */
  public static void write(NetworkSpec net, Path file) throws IOException {
    AtomicFiles.writeString(file, write(net));
  }

  /** SHA-256 of the canonical JSON, as 64 hex digits: identifies a network in manifests and traces. */
  public static String contentHash(NetworkSpec net) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(write(net).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
