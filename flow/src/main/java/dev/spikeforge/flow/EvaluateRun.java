package dev.spikeforge.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.compiler.quantize.MembraneWidth;
import dev.spikeforge.compiler.quantize.QuantizationConfig;
import dev.spikeforge.compiler.quantize.Quantizer;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EarlyExitSweep;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.io.DesireNpyImport;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.ModelFormatException;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An evaluation ({@link Flow#evaluate}): the model read (an npy directory imported with the authors'
 * semantics), the float model evaluated, quantized and exported when asked, the integer network evaluated,
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
    Path model = q.model();
    boolean npy = Files.isDirectory(model);
    boolean isFloat = npy || (Files.isRegularFile(model) && FloatNetworkJson.isFloatNetwork(head(model)));
    String npyField = q.npyField();
    ConfigException.require(npy || npyField == null, npyField, "applies to an npy directory only");
    ConfigException.require(isFloat || !q.quantizes(), q.quantize() != null ? "quantize" : "exportInt",
        "applies to float models; " + model + " is already an integer model");
    ConfigException.require(!isFloat || q.earlyExitSweep() == null || q.quantizes(), "earlyExitSweep",
        "runs on the integer golden model (the hardware's readout); for the float model " + model
            + " also quantize it to sweep its quantized network");
    String encoderName = q.encoderName(npy);
    SpikeEncoder encoder = EvaluateRequest.spikeEncoder(encoderName, q.seed());
    Dataset d = data();
    String dataset = q.dataset() + "/" + q.split();
    String coding = d.isTemporal() ? "pre-timed" : encoderName;
    doc.put("model", model.getFileName().toString());
    doc.put("dataset", dataset);
    doc.put("encoder", d.isTemporal() ? "none" : encoderName);
    FloatNetwork fl = null;
    EvalReport floatReport = null;
    Integer bits = null;
    NetworkSpec net;
    if (!isFloat) {
      net = NetworkJson.read(model);
    } else {
      fl = npy ? DesireNpyImport.load(model, new DesireNpyImport.Options(or(q.timesteps(), 20), or(q.leakShift(), 2),
          q.threshold() == null ? 1.0 : q.threshold(), or(q.layerDelay(), 1))) : FloatNetworkJson.read(model);
      try (FlowEvents.Meter m = events.progress("float reference", d.size(), "samples")) {
        floatReport = Evaluator.evaluate(fl, d, encoder, threads, m);
      }
      doc.set("float", EvalReportJson.json(floatReport, fl.layers().stream().map(FloatLayer::name).toList()));
      net = null;
      if (q.quantizes()) {
        bits = or(q.quantize(), 8);
        net = Quantizer.quantize(fl, QuantizationConfig.of(bits)
            .withMembraneWidth(MembraneWidth.fixed(q.membraneBits())));
      }
    }
    EvalReport intReport = null;
    String hash = null;
    List<EarlyExitSweep.Point> sweep = null;
    if (net != null) {
      try (FlowEvents.Meter m = events.progress("golden model", d.size(), "samples")) {
        intReport = Evaluator.evaluate(net, d, encoder, threads, m);
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
        sweep, q.exportInt(), q.json());
  }

  /** The slice of the dataset's split. */
  private Dataset data() {
    return DataSlice.load(q.dataset(), q.split(), q.dataDir(), q.offset(), q.limit());
  }

  private static int or(Integer v, int otherwise) {
    return v == null ? otherwise : v;
  }

  /** The first bytes of a file, to tell a float network document from an integer one. */
  private static String head(Path file) {
    try (var in = Files.newInputStream(file)) {
      return new String(in.readNBytes(256), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ModelFormatException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
  }
}
