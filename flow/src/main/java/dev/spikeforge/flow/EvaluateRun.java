package dev.spikeforge.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.compiler.build.ModelInput;
import dev.spikeforge.compiler.quantize.QuantizationCheck;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EarlyExitSweep;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.io.DesireNpyImport;
import dev.spikeforge.golden.io.ModelFiles;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An evaluation ({@link Flow#evaluate}): the model read by {@link ModelFiles} (an npy directory imported with
 * the authors' semantics, a training output directory's model), a float model quantized and checked when asked
 * ({@link FloatQuantization}), evaluated, and exported, the integer network evaluated,
 * its early-exit sweep run, and the results document written. Progress goes to the events' meters.
 */
final class EvaluateRun {
  private final EvaluateRequest q;
  private final FlowEvents events;
  private final int threads;
  private final ObjectNode doc = Json.MAPPER.createObjectNode();

  private EvaluateRun(EvaluateRequest q, FlowEvents events) {
    this.q = q;
    this.events = events;
    this.threads = q.threadCount();
  }

  static EvaluateReport run(EvaluateRequest q, FlowEvents events) throws IOException {
    return new EvaluateRun(q, events).run();
  }

  private EvaluateReport run() throws IOException {
    ModelFiles.Source source = ModelFiles.resolve(q.model());
    boolean npy = source.kind() == ModelFiles.Kind.NPY;
    boolean isFloat = source.kind().isFloat();
    Path model = source.path();
    String npyField = q.npyField();
    ConfigException.require(npy || npyField == null, npyField, "applies to an npy directory only");
    ConfigException.require(isFloat || !q.quantizes(), q.quantize() != null ? "quantize" : "exportInt",
        "applies to float models; " + model + " is already an integer model");
    String qField = q.quantizationField();
    ConfigException.require(qField == null || (isFloat && q.quantizes()), qField, isFloat
        ? "applies to a quantization; add --quantize BITS (or --export-int FILE)"
        : "applies to float models, which evaluate quantizes; " + model + " is already an integer model");
    ConfigException.require(!isFloat || q.earlyExitSweep() == null || q.quantizes(), "earlyExitSweep",
        "runs on the integer golden model (the hardware's readout); for the float model " + model
            + " also quantize it to sweep its quantized network");
    ModelFiles.Model m = ModelFiles.load(source, new DesireNpyImport.Options(or(q.timesteps(), 20),
        or(q.leakShift(), 2), q.threshold() == null ? 1.0 : q.threshold(), or(q.layerDelay(), 1)));
    EncoderSpec recorded = m.network() != null ? m.network().encoder() : m.floatNetwork().encoder();
    EncoderSpec spec = q.encoderSpec(npy, recorded);
    if (!npy && !spec.equals(recorded)) {
      events.log().println("note: evaluating with encoder " + spec + "; " + model.getFileName() + " was made for "
          + recorded + " (its recorded encoder, what compile and verify use)");
    }
    String encoderName = spec.toString();
    SpikeEncoder encoder = SpikeEncoder.of(spec);
    Dataset d = data();
    String dataset = q.dataset() + "/" + q.split();
    String coding = d.isTemporal() ? "pre-timed" : encoderName;
    doc.put("model", q.model().getFileName().toString());
    doc.put("dataset", dataset);
    doc.put("encoder", d.isTemporal() ? "none" : encoderName);
    FloatNetwork fl = m.floatNetwork();
    EvalReport floatReport = null;
    Integer bits = null;
    NetworkSpec net = m.network();
    QuantizationCheck check = null;
    String scale = null;
    if (isFloat && q.quantizes()) {
      bits = or(q.quantize(), 8);
      Dataset cal = q.calibrationImages() == 0 ? null : CalibrationRule.calibrationSet(
          DataSlice.load(q.dataset(), "train", q.dataDir(), 0, null), q.calibrationImages());
      ModelInput.Loaded in = FloatQuantization.run(fl, m.format(), m.sha256(), bits, q.membraneBits(), null,
          q.scale(), cal, encoder, threads, q.maxDrop(), events);
      net = in.network().withEncoder(spec); // quantized and calibrated on this encoder
      check = in.check();
      scale = ScaleRule.name(q.scale()) + ": " + in.report().config().scaleStrategy();
      doc.set("quantization", quantizationJson(in, bits));
    }
    if (isFloat) {
      try (FlowEvents.Meter mt = events.progress("float reference", d.size(), "samples")) {
        floatReport = Evaluator.evaluate(fl, d, encoder, threads, mt);
      }
      doc.set("float", EvalReportJson.json(floatReport, fl.layers().stream().map(FloatLayer::name).toList()));
    }
    EvalReport intReport = null;
    String hash = null;
    List<EarlyExitSweep.Point> sweep = null;
    if (net != null) {
      try (FlowEvents.Meter mt = events.progress("golden model", d.size(), "samples")) {
        intReport = Evaluator.evaluate(net, d, encoder, threads, mt);
      }
      hash = NetworkJson.contentHash(net);
      doc.put("modelHash", hash);
      doc.set("int", EvalReportJson.json(intReport, net.layers().stream().map(LayerSpec::name).toList()));
      if (q.earlyExitSweep() != null) {
        sweep = EarlyExitSweep.run(net, d, encoder, q.earlyExitSweep());
        ArrayNode arr = doc.putArray("earlyExitSweep");
        for (EarlyExitSweep.Point p : sweep) {
          arr.addObject().put("decisionCount", p.decisionCount()).put("accuracy", p.accuracy())
              .put("meanDecisionStep", p.meanDecisionStep()).put("earlyExits", p.earlyExits());
        }
      }
      if (q.exportInt() != null) {
        NetworkJson.write(net, q.exportInt());
      }
    }
    if (q.json() != null) {
      Json.writeFile(q.json(), doc);
    }
    return new EvaluateReport(dataset, coding, d.size(), fl, floatReport, bits, q.membraneBits(), net, intReport, hash,
        sweep, q.exportInt(), q.json(), source, scale, check);
  }

  /** The quantization's scale rule, chosen strategy and check, for the results document. */
  private static ObjectNode quantizationJson(ModelInput.Loaded in, int bits) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("weightBits", bits);
    o.put("scaleRule", in.report().config().scaleStrategy().toString());
    QuantizationCheck c = in.check();
    o.put("calibrationImages", c == null ? 0 : c.samples());
    if (c != null) {
      o.put("calibrationFloatAccuracy", c.floatAccuracy());
      o.put("calibrationIntAccuracy", c.intAccuracy());
    }
    return o;
  }

  /** The slice of the dataset's split. */
  private Dataset data() {
    return DataSlice.load(q.dataset(), q.split(), q.dataDir(), q.offset(), q.limit());
  }

  private static int or(Integer v, int otherwise) {
    return v == null ? otherwise : v;
  }
}
