package dev.spikeforge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.flow.EvalReportJson;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.files.AtomicFiles;
import dev.spikeforge.golden.json.JsonMappers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Human-readable and JSON renderings of evaluation reports. */
final class Report {
  private static final ObjectMapper MAPPER = JsonMappers.pretty();

  private Report() {}

  static void print(PrintWriter out, EvalReport r, List<String> layerNames, int timesteps) {
    out.printf(Locale.ROOT, "  %-6s accuracy %6.2f %%  (%d / %d, unique maximum rule)%n", r.model(),
        100 * r.accuracy(), r.correct(), r.samples());
    StringBuilder sb = new StringBuilder();
    for (int l = 0; l < layerNames.size(); l++) {
      sb.append(l == 0 ? "" : ", ").append(layerNames.get(l)).append(' ')
          .append(String.format(Locale.ROOT, "%.1f", r.meanSpikesPerLayer()[l]));
    }
    out.printf(Locale.ROOT, "         spikes per sample: input %.1f, %s%n", r.meanInputSpikes(), sb);
    out.printf(Locale.ROOT, "         mean decision step %.2f of %d; %.2f M synaptic ops per sample%n",
        r.meanDecisionStep(), timesteps, r.synapticOpsPerSample() / 1e6);
    out.printf(Locale.ROOT, "         throughput %.0f samples/s, %.3f G synaptic ops/s on %d thread(s) (%.2f s)%n",
        r.samplesPerSecond(), r.synapticOpsPerSecond() / 1e9, r.threads(), r.seconds());
  }

  /** The JSON form of {@code r}: the schema lives in the flow ({@link EvalReportJson}). */
  static ObjectNode json(EvalReport r, List<String> layerNames) {
    return EvalReportJson.json(r, layerNames);
  }

  /** Writes a JSON document atomically. Timing figures are left out so that the file is reproducible. */
  static void write(Path file, ObjectNode doc) throws IOException {
    AtomicFiles.writeString(file, MAPPER.writeValueAsString(doc) + "\n");
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
