package dev.spikeforge.golden.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spikeforge.golden.files.AtomicFiles;
import dev.spikeforge.golden.json.JsonMappers;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.ResetMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

  private static final ObjectMapper MAPPER = JsonMappers.strict();

  private static final Set<String> TOP = Set.of(
      "format", "schemaVersion", "numericsVersion", "name", "inputSize", "timesteps", "encoder", "readout", "layers");
  private static final Set<String> LAYER = Set.of(
      "name", "kind", "inputSize", "size", "weightWidth", "neuron", "maxDelay", "weights", "axonalDelays",
      "synapticDelays", "recurrentWeights", "recurrentDelays", "leakShifts");
  private static final Set<String> NEURON = Set.of("membraneWidth", "threshold", "leakShift", "reset");

  private NetworkJson() {}

  /** Reads and validates a network file. */
  public static NetworkSpec read(Path file) {
    return ModelJson.readFile(file, NetworkJson::parse);
  }

  /** Parses and validates a network from JSON text. */
  public static NetworkSpec parse(String json) {
    JsonFields top = new JsonFields(ModelJson.readTree(MAPPER, json, FORMAT), "", TOP);
    ModelJson.checkHeader(top, FORMAT, "spikeforge network", SCHEMA_VERSION);
    ReadoutSpec readout = ModelJson.readout(top);
    List<LayerSpec> layers = ModelJson.layers(top, LAYER, NetworkJson::readLayer);
    return ModelJson.build("", () -> new NetworkSpec(
        top.string("name"), top.intValue("numericsVersion"), top.intValue("inputSize"), top.intValue("timesteps"),
        layers, readout, ModelJson.encoder(top)));
  }

  private static LayerSpec readLayer(JsonFields f, String path) {
    JsonFields n = f.object("neuron", NEURON);
    NeuronSpec neuron = ModelJson.build(path + ".neuron", () -> new NeuronSpec(
        n.intValue("membraneWidth"), n.integer("threshold"), n.intOr("leakShift", 0),
        n.enumValue("reset", ResetMode.class)));
    return ModelJson.build(path, () -> new LayerSpec(
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
        f.has("recurrentDelays") ? f.intMatrix("recurrentDelays") : null,
        f.has("leakShifts") ? f.intArray("leakShifts") : null));
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
    ModelJson.encoder(sb, net.encoder());
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
      ModelJson.intMatrix(sb, "weights", layer.weights());
      if (layer.axonalDelays() != null) {
        sb.append(",\n      \"axonalDelays\": ");
        ModelJson.intRow(sb, layer.axonalDelays());
      }
      ModelJson.intMatrix(sb, "synapticDelays", layer.synapticDelays());
      ModelJson.intMatrix(sb, "recurrentWeights", layer.recurrentWeights());
      ModelJson.intMatrix(sb, "recurrentDelays", layer.recurrentDelays());
      if (layer.hasNeuronLeaks()) {
        sb.append(",\n      \"leakShifts\": ");
        ModelJson.intRow(sb, layer.leakShifts());
      }
      sb.append("\n    }");
    }
    sb.append("\n  ]\n}\n");
    return sb.toString();
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
