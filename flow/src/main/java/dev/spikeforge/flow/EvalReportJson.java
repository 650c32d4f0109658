package dev.spikeforge.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.golden.eval.EvalReport;
import java.util.List;

/** The JSON form of an evaluation report in results files (no timing figures: reproducible). */
public final class EvalReportJson {
  private EvalReportJson() {}

  /** {@code r} as a JSON object, its per-layer spike means keyed by {@code layerNames}. */
  public static ObjectNode json(EvalReport r, List<String> layerNames) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("model", r.model());
    o.put("samples", r.samples());
    o.put("correct", r.correct());
    o.put("accuracy", r.accuracy());
    o.put("meanDecisionStep", r.meanDecisionStep());
    o.put("meanInputSpikes", r.meanInputSpikes());
    ObjectNode layers = o.putObject("meanSpikesPerLayer");
    for (int l = 0; l < layerNames.size(); l++) {
      layers.put(layerNames.get(l), r.meanSpikesPerLayer()[l]);
    }
    o.put("synapticOps", r.synapticOps());
    ArrayNode p = o.putArray("predictions");
    for (int v : r.predictions()) {
      p.add(v);
    }
    return o;
  }
}
