package dev.spikeforge.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.boards.flow.ResourceUse;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * The schema of a build's {@code results.json}: the model, its quantization, float and integer
 * accuracy, the RTL verification and the bitstream's figures. No timing figures: the file is
 * reproducible.
 */
final class ResultsJson {
  static final String FILE = "results.json";

  private ResultsJson() {}

  static void write(Path file, BuildConfig c, NetworkSpec net, QuantizeOutcome q, VerifyOutcome v,
      BitstreamOutcome b) {
    List<String> names = net.layers().stream().map(LayerSpec::name).toList();
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("model", net.name());
    doc.put("architecture", architecture(net));
    doc.put("modelHash", NetworkJson.contentHash(net));
    doc.put("weightWidth", c.quantize().weightWidth());
    doc.put("scaleRule", q.scaleRule());
    doc.put("membraneWidth", net.layers().get(0).neuron().membraneWidth());
    doc.put("lanes", c.hardware().lanes());
    doc.put("dataset", c.data().dataset() + "/test");
    doc.set("int", EvalReportJson.json(q.intReport(), names));
    doc.set("float", EvalReportJson.json(q.floatReport(), names));
    if (v != null) {
      ObjectNode vn = doc.putObject("verify");
      vn.put("simulator", v.simulator());
      vn.put("samples", v.samples());
      vn.put("bitExact", v.bitExact());
      vn.put("clocks", v.clocks());
    }
    if (b != null) {
      ObjectNode fn = doc.putObject("bitstream");
      fn.put("board", b.board());
      for (ResourceUse u : b.resources()) {
        fn.put(u.name(), u.used());
      }
      fn.put("fmaxMhz", b.fmaxMhz());
      fn.put("powerMw", b.powerMw());
      fn.put("powerClockMhz", b.powerClockMhz());
      fn.put("coreClockMhz", b.coreMhz());
      fn.put("pll", b.pll());
    }
    Json.writeFile(file, doc);
  }

  /** {@code 784-128-10}. */
  static String architecture(NetworkSpec net) {
    StringBuilder sb = new StringBuilder().append(net.inputSize());
    for (LayerSpec l : net.layers()) {
      sb.append('-').append(l.size());
    }
    return sb.toString();
  }
}
