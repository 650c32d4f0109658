package dev.spikeforge.golden.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.golden.files.AtomicFiles;
import dev.spikeforge.golden.json.JsonMappers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-epoch metrics as JSON ({@code metrics.json}: the run description, then one object per epoch)
 * and CSV ({@code metrics.csv}: one row per epoch). Both are deterministic (no timings), written
 * atomically.
 */
public final class MetricsFiles {
  /** Columns of {@code metrics.csv}. */
  public static final String CSV_HEADER =
      "epoch,learning_rate,train_samples,train_accuracy,train_loss,test_samples,test_accuracy";

  private static final ObjectMapper JSON = JsonMappers.prettySortedKeys();

  private MetricsFiles() {}

  /** One epoch as a JSON object. */
  public static ObjectNode json(EpochMetrics m) {
    ObjectNode o = JSON.createObjectNode();
    o.put("epoch", m.epoch());
    o.put("learningRate", m.learningRate());
    o.put("trainSamples", m.trainSamples());
    o.put("trainAccuracy", m.trainAccuracy());
    o.put("trainLoss", m.trainLoss());
    o.put("testSamples", m.testSamples());
    o.put("testAccuracy", m.testAccuracy());
    return o;
  }

  /** Reads what {@link #json} wrote. */
  public static EpochMetrics fromJson(JsonNode o) {
    return new EpochMetrics(o.get("epoch").asInt(), o.get("learningRate").asDouble(), o.get("trainSamples").asInt(),
        o.get("trainAccuracy").asDouble(), o.get("trainLoss").asDouble(), o.get("testSamples").asInt(),
        o.get("testAccuracy").asDouble());
  }

  /** The JSON document: {@code {"run": description, "epochs": [...], "final": extra}}. */
  public static String jsonText(Map<String, Object> run, List<EpochMetrics> epochs, Map<String, Object> extra) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("format", "spikeforge.metrics");
    doc.set("run", JSON.valueToTree(run));
    ArrayNode a = doc.putArray("epochs");
    for (EpochMetrics m : epochs) {
      a.add(json(m));
    }
    if (extra != null && !extra.isEmpty()) {
      doc.set("final", JSON.valueToTree(extra));
    }
    try {
      return JSON.writeValueAsString(doc) + "\n";
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The CSV text. */
  public static String csvText(List<EpochMetrics> epochs) {
    StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
    for (EpochMetrics m : epochs) {
      sb.append(String.format(Locale.ROOT, "%d,%s,%d,%s,%s,%d,%s\n", m.epoch(), Double.toString(m.learningRate()),
          m.trainSamples(), Double.toString(m.trainAccuracy()), Double.toString(m.trainLoss()), m.testSamples(),
          Double.toString(m.testAccuracy())));
    }
    return sb.toString();
  }

  /** Writes {@code metrics.json} and {@code metrics.csv} into {@code dir}. */
  public static void write(Path dir, Map<String, Object> run, List<EpochMetrics> epochs, Map<String, Object> extra)
      throws IOException {
    AtomicFiles.writeString(dir.resolve("metrics.json"), jsonText(run, epochs, extra));
    AtomicFiles.writeString(dir.resolve("metrics.csv"), csvText(epochs));
  }
}
