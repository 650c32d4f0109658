package dev.spikeforge.golden.io;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spikeforge.golden.files.AtomicFiles;
import dev.spikeforge.golden.json.JsonMappers;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.SpecException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The JSON format of a floating-point reference network ({@code "format":
 * "spikeforge.float-network"}, schema version {@value #SCHEMA_VERSION}; {@code
 * docs/model-format.md}): the fields of {@link FloatNetwork} and {@link FloatLayer}. Numbers are
 * written so that they read back exactly: with {@code "weightType": "float32"} (used when every
 * weight is a float32 value, as after desire-backpropagation training) each weight is the shortest
 * decimal of its float32 value and is read with float32 parsing; otherwise {@code "float64"} and
 * {@link Double#toString}. Reading is strict like {@link NetworkJson}.
 */
public final class FloatNetworkJson {
  public static final String FORMAT = "spikeforge.float-network";
  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER = JsonMappers.strict().rebuild()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();
  private static final Set<String> TOP = Set.of(
      "format", "schemaVersion", "name", "inputSize", "timesteps", "encoder", "weightType", "readout", "layers");
  private static final Set<String> LAYER = Set.of("name", "kind", "inputSize", "size", "threshold", "leak", "reset",
      "maxDelay", "weights", "axonalDelays", "synapticDelays", "recurrentWeights", "recurrentDelays", "leaks");

  private FloatNetworkJson() {}

  /** Whether the text is a float network document (its {@code format} field), without validating it. */
  public static boolean isFloatNetwork(String json) {
    int i = json.indexOf("\"format\"");
    return i >= 0 && json.indexOf("\"" + FORMAT + "\"", i) >= 0 && json.indexOf("\"" + FORMAT + "\"", i) < i + 64;
  }

  /** Reads and validates a float network file. */
  public static FloatNetwork read(Path file) {
    return ModelJson.readFile(file, FloatNetworkJson::parse);
  }

  /** Parses and validates a float network from JSON text. */
  public static FloatNetwork parse(String json) {
    JsonFields top = new JsonFields(ModelJson.readTree(MAPPER, json, FORMAT), "", TOP);
    ModelJson.checkHeader(top, FORMAT, "spikeforge float network", SCHEMA_VERSION);
    String type = top.has("weightType") ? top.string("weightType") : "float64";
    if (!type.equals("float32") && !type.equals("float64")) {
      throw new SpecException("weightType", "'" + type + "' is not float32 or float64");
    }
    boolean f32 = type.equals("float32");
    ReadoutSpec readout = ModelJson.readout(top);
    List<FloatLayer> layers = ModelJson.layers(top, LAYER, (f, p) -> ModelJson.build(p, () -> new FloatLayer(
        f.string("name"), f.enumValue("kind", LayerKind.class), f.intValue("inputSize"), f.intValue("size"),
        f.number("threshold"), f.number("leak"), f.enumValue("reset", ResetMode.class),
        weights(f, "weights", f32), f.intOr("maxDelay", 0),
        f.has("axonalDelays") ? f.intArray("axonalDelays") : null,
        f.has("synapticDelays") ? f.intMatrix("synapticDelays") : null,
        f.has("recurrentWeights") ? weights(f, "recurrentWeights", f32) : null,
        f.has("recurrentDelays") ? f.intMatrix("recurrentDelays") : null,
        f.has("leaks") ? f.doubleArray("leaks") : null)));
    return ModelJson.build("", () -> new FloatNetwork(
        top.string("name"), top.intValue("inputSize"), top.intValue("timesteps"), layers, readout,
        ModelJson.encoder(top)));
  }

  private static double[][] weights(JsonFields f, String field, boolean f32) {
    double[][] m = f.doubleMatrix(field);
    for (int j = 0; j < m.length; j++) {
      for (int i = 0; i < m[j].length; i++) {
        if (!Double.isFinite(m[j][i])) {
          throw new SpecException(f.at(field) + "[" + j + "][" + i + "]", "must be finite");
        }
      }
    }
    if (f32) {
      // parse the exact decimal text (kept as BigDecimal) as float32: exactly the float that was written
      JsonNode v = f.get(field);
      for (int j = 0; j < m.length; j++) {
        for (int i = 0; i < m[j].length; i++) {
          m[j][i] = Float.parseFloat(v.get(j).get(i).asText());
        }
      }
    }
    return m;
  }

  /** Whether every weight of the network is exactly a float32 value. */
  static boolean allFloat32(FloatNetwork net) {
    for (FloatLayer l : net.layers()) {
      for (double[][] m : new double[][][] {l.weights(), l.recurrentWeights()}) {
        if (m == null) {
          continue;
        }
        for (double[] row : m) {
          for (double w : row) {
            if ((float) w != w) {
              return false;
            }
          }
        }
      }
    }
    return true;
  }

  /** Canonical JSON text of a float network. */
  public static String write(FloatNetwork net) {
    boolean f32 = allFloat32(net);
    StringBuilder sb = new StringBuilder(1 << 16);
    sb.append("{\n");
    sb.append("  \"format\": \"").append(FORMAT).append("\",\n");
    sb.append("  \"schemaVersion\": ").append(SCHEMA_VERSION).append(",\n");
    // the network name is free text (layer names are identifiers): escaped, so every name reads back
    sb.append("  \"name\": \"").append(JsonStringEncoder.getInstance().quoteAsString(net.name())).append("\",\n");
    sb.append("  \"inputSize\": ").append(net.inputSize()).append(",\n");
    sb.append("  \"timesteps\": ").append(net.timesteps()).append(",\n");
    ModelJson.encoder(sb, net.encoder());
    sb.append("  \"weightType\": \"").append(f32 ? "float32" : "float64").append("\",\n");
    sb.append("  \"readout\": {\"mode\": \"").append(net.readout().mode()).append("\", \"decisionCount\": ")
        .append(net.readout().decisionCount()).append("},\n");
    sb.append("  \"layers\": [");
    for (int l = 0; l < net.layers().size(); l++) {
      FloatLayer layer = net.layers().get(l);
      sb.append(l == 0 ? "\n" : ",\n");
      sb.append("    {\n");
      sb.append("      \"name\": \"").append(layer.name()).append("\",\n");
      sb.append("      \"kind\": \"").append(layer.kind()).append("\",\n");
      sb.append("      \"inputSize\": ").append(layer.inputSize()).append(",\n");
      sb.append("      \"size\": ").append(layer.size()).append(",\n");
      sb.append("      \"threshold\": ").append(layer.threshold()).append(",\n");
      sb.append("      \"leak\": ").append(layer.leak()).append(",\n");
      sb.append("      \"reset\": \"").append(layer.reset()).append("\",\n");
      sb.append("      \"maxDelay\": ").append(layer.maxDelay());
      realMatrix(sb, "weights", layer.weights(), f32);
      if (layer.axonalDelays() != null) {
        sb.append(",\n      \"axonalDelays\": ");
        ModelJson.intRow(sb, layer.axonalDelays());
      }
      ModelJson.intMatrix(sb, "synapticDelays", layer.synapticDelays());
      realMatrix(sb, "recurrentWeights", layer.recurrentWeights(), f32);
      ModelJson.intMatrix(sb, "recurrentDelays", layer.recurrentDelays());
      if (layer.hasNeuronLeaks()) {
        // decays as doubles (like "leak"): 1 − 2^−k is exact in either weight type
        sb.append(",\n      \"leaks\": [");
        double[] d = layer.leaks();
        for (int j = 0; j < d.length; j++) {
          sb.append(j == 0 ? "" : ",").append(d[j]);
        }
        sb.append(']');
      }
      sb.append("\n    }");
    }
    sb.append("\n  ]\n}\n");
    return sb.toString();
  }

  /** Writes the canonical JSON atomically. */
  public static void write(FloatNetwork net, Path file) throws IOException {
    AtomicFiles.writeString(file, write(net));
  }

  private static void realMatrix(StringBuilder sb, String field, double[][] m, boolean f32) {
    if (m == null) {
      return;
    }
    sb.append(",\n      \"").append(field).append("\": [");
    for (int j = 0; j < m.length; j++) {
      sb.append(j == 0 ? "\n        [" : ",\n        [");
      for (int i = 0; i < m[j].length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(f32 ? Float.toString((float) m[j][i]) : Double.toString(m[j][i]));
      }
      sb.append(']');
    }
    sb.append("\n      ]");
  }


}
