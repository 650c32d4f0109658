package dev.spikeforge.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.io.DesireNpyImport;
import dev.spikeforge.golden.io.ModelFiles;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.io.TraceFile;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulation ({@link Flow#simulate}): the integer network read, evaluated on the golden model and/or
 * its float twin, the first samples traced, and the results document written. Progress goes to the
 * events' meters.
 */
final class SimulateRun {
  private SimulateRun() {}

  static SimulateReport run(SimulateRequest q, FlowEvents events) throws IOException {
    ModelFiles.Source source = ModelFiles.resolve(q.model());
    if (source.kind().isFloat()) {
      return floating(q, source, events);
    }
    String sim = q.sim() == null ? "int" : q.sim();
    NetworkSpec net = ModelFiles.load(source, DesireNpyImport.Options.DEFAULT).network();
    // the model's recorded encoder unless one is given: the spikes the hardware is verified on
    String encoderName = EncoderOption.resolve(q.encoder(), q.seed(), net.encoder()).toString();
    Dataset d = DataSlice.load(q.dataset(), q.split(), q.dataDir(), q.offset(), q.limit());
    SpikeEncoder encoder = EvaluateRequest.spikeEncoder(encoderName, q.seed());
    String dataset = q.dataset() + "/" + q.split();
    List<EvalReport> reports = new ArrayList<>();
    if (!sim.equals("float")) {
      try (FlowEvents.Meter m = events.progress("golden model", d.size(), "samples")) {
        reports.add(Evaluator.evaluate(net, d, encoder, q.threadCount(), m));
      }
    }
    if (!sim.equals("int")) {
      try (FlowEvents.Meter m = events.progress("float reference", d.size(), "samples")) {
        reports.add(Evaluator.evaluate(FloatNetwork.of(net), d, encoder, q.threadCount(), m));
      }
    }
    Double agreement = reports.size() == 2 ? reports.get(0).agreement(reports.get(1)) : null;
    int traced = Math.min(q.traceSamples(), d.size());
    if (q.trace() != null) {
      writeTrace(q, net, d, encoder, traced);
    }
    if (q.json() != null) {
      Json.writeFile(q.json(), document(net, dataset, d.isTemporal() ? "none" : encoderName, reports));
    }
    return new SimulateReport(net, null, dataset, d.isTemporal() ? "pre-timed" : encoderName, d.size(),
        List.copyOf(reports), agreement, traced, q.trace(), q.json());
  }

  /**
   * A float model (JSON, npy directory, training output directory) on the float simulator: the golden model
   * and the trace need an integer network, which evaluate --quantize or compile makes.
   */
  private static SimulateReport floating(SimulateRequest q, ModelFiles.Source source, FlowEvents events)
      throws IOException {
    String fix = " needs an integer network, and " + source.path() + " is a float model: run it with --sim float, or"
        + " quantize it first (spikeforge evaluate " + q.model() + " --quantize 8 --export-int model.json, or"
        + " spikeforge compile " + q.model() + ")";
    ConfigException.require(q.sim() == null || q.sim().equals("float"), "sim", "'" + q.sim() + "'" + fix);
    ConfigException.require(q.trace() == null, "trace", "(the golden model's trace)" + fix);
    ModelFiles.Model m = ModelFiles.load(source, DesireNpyImport.Options.DEFAULT);
    FloatNetwork fl = m.floatNetwork();
    String encoderName = EncoderOption.resolve(q.encoder(), q.seed(),
        source.kind() == ModelFiles.Kind.NPY ? EncoderSpec.rate32() : fl.encoder()).toString();
    Dataset d = DataSlice.load(q.dataset(), q.split(), q.dataDir(), q.offset(), q.limit());
    SpikeEncoder encoder = EvaluateRequest.spikeEncoder(encoderName, q.seed());
    String dataset = q.dataset() + "/" + q.split();
    EvalReport r;
    try (FlowEvents.Meter mt = events.progress("float model", d.size(), "samples")) {
      r = Evaluator.evaluate(fl, d, encoder, q.threadCount(), mt);
    }
    if (q.json() != null) {
      ObjectNode doc = Json.MAPPER.createObjectNode();
      doc.put("model", fl.name());
      doc.put("modelSha256", m.sha256());
      doc.put("dataset", dataset);
      doc.put("encoder", d.isTemporal() ? "none" : encoderName);
      doc.set(r.model(), EvalReportJson.json(r, fl.layers().stream().map(FloatLayer::name).toList()));
      Json.writeFile(q.json(), doc);
    }
    return new SimulateReport(null, fl, dataset, d.isTemporal() ? "pre-timed" : encoderName, d.size(), List.of(r),
        null, 0, null, q.json());
  }

  /** The results document: the model, its hash, the data and each simulator's evaluation (no timings). */
  static ObjectNode document(NetworkSpec net, String dataset, String encoder, List<EvalReport> reports) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("model", net.name());
    doc.put("modelHash", NetworkJson.contentHash(net));
    doc.put("dataset", dataset);
    doc.put("encoder", encoder);
    List<String> names = net.layers().stream().map(LayerSpec::name).toList();
    for (EvalReport r : reports) {
      doc.set(r.model(), EvalReportJson.json(r, names));
    }
    return doc;
  }

  private static void writeTrace(SimulateRequest q, NetworkSpec net, Dataset d, SpikeEncoder encoder, int n)
      throws IOException {
    IntSimulator s = new IntSimulator(net);
    String hash = NetworkJson.contentHash(net);
    List<TraceFile.Sample> samples = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      var x = d.isTemporal() ? d.raster(i) : d.encode(i, encoder, net.timesteps());
      samples.add(new TraceFile.Sample(d.id(i), s.runTraced(x, hash)));
    }
    TraceFile.write(q.trace(), samples);
  }
}
