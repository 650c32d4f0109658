package dev.spikeforge.flow;

import dev.spikeforge.compiler.binarize.BinarizationPlan;
import dev.spikeforge.compiler.binarize.BinarizationPlanner;
import dev.spikeforge.compiler.binarize.Binarize;
import dev.spikeforge.compiler.quantize.MembraneWidth;
import dev.spikeforge.compiler.quantize.QuantizationConfig;
import dev.spikeforge.compiler.quantize.Quantizer;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A binarization ({@link Flow#binarize}): the planner's per-layer estimate on the validation slice, then
 * the chosen layers binarized: a float model quantized with them, an integer model binarized in the
 * integer domain (sign weights, threshold θ/α). Logs what it estimates to {@code events}.
 */
final class BinarizeRun {
  private final BinarizeRequest q;
  private final FlowEvents events;

  private BinarizeRun(BinarizeRequest q, FlowEvents events) {
    this.q = q;
    this.events = events;
  }

  static BinarizeReport run(BinarizeRequest q, FlowEvents events) throws IOException {
    if (!Files.isRegularFile(q.model())) {
      throw new IllegalArgumentException("no such model file " + q.model());
    }
    String head;
    try (var in = Files.newInputStream(q.model())) {
      head = new String(in.readNBytes(256), StandardCharsets.UTF_8);
    }
    BinarizeRun r = new BinarizeRun(q, events);
    return FloatNetworkJson.isFloatNetwork(head) ? r.floating() : r.integer();
  }

  private BinarizeReport floating() throws IOException {
    FloatNetwork net = FloatNetworkJson.read(q.model());
    Set<String> candidates = candidates(net.layers().stream().filter(l -> l.kind() == LayerKind.DENSE)
        .map(FloatLayer::name).toList());
    Dataset val = data();
    QuantizationConfig qc = QuantizationConfig.of(or(q.weightBits(), 4))
        .withMembraneWidth(MembraneWidth.fixed(or(q.membraneBits(), 16)));
    events.log().printf("estimating the cost of binarizing %s on %d samples of %s%n", String.join(", ", candidates),
        val.size(), displayName());
    BinarizationPlan plan = BinarizationPlanner.plan(net, candidates, val, encoder(), qc, constraint(),
        q.threadCount());
    return write(false, plan, Quantizer.quantize(Binarize.network(net, Set.copyOf(plan.binarized())), qc));
  }

  private BinarizeReport integer() throws IOException {
    ConfigException.require(q.weightBits() == null, "weightBits", notForIntegers());
    ConfigException.require(q.membraneBits() == null, "membraneBits", notForIntegers());
    NetworkSpec net = NetworkJson.read(q.model());
    Set<String> candidates = candidates(net.layers().stream().filter(l -> l.kind() == LayerKind.DENSE)
        .map(LayerSpec::name).toList());
    Dataset val = data();
    events.log().printf("estimating the cost of binarizing %s of integer model %s on %d samples of %s%n",
        String.join(", ", candidates), net.name(), val.size(), displayName());
    BinarizationPlan plan = BinarizationPlanner.plan(net, candidates, val, encoder(), constraint(), q.threadCount());
    return write(true, plan, Binarize.intNetwork(net, Set.copyOf(plan.binarized())));
  }

  private BinarizeReport write(boolean integer, BinarizationPlan plan, NetworkSpec net) throws IOException {
    NetworkJson.write(net, q.output());
    return new BinarizeReport(integer, plan, net, NetworkJson.contentHash(net), q.output());
  }

  private String notForIntegers() {
    return "applies to float models; " + q.model() + " is an integer model (its widths are kept)";
  }

  /** The layers asked for, or the DENSE ones. */
  private Set<String> candidates(java.util.List<String> dense) {
    return new LinkedHashSet<>(q.layers() == null ? dense : q.layers());
  }

  private BinarizationPlanner.Constraint constraint() {
    return q.budget() != null ? BinarizationPlanner.Constraint.budget(q.budget())
        : BinarizationPlanner.Constraint.tolerance(q.tolerance());
  }

  private Dataset data() {
    return DataSlice.load(q.dataset(), q.split(), q.dataDir(), q.offset(), q.limit());
  }

  private dev.spikeforge.golden.data.SpikeEncoder encoder() {
    return EvaluateRequest.spikeEncoder(q.encoder(), q.seed());
  }

  private String displayName() {
    return q.dataset() + "/" + q.split();
  }

  private static int or(Integer v, int otherwise) {
    return v == null ? otherwise : v;
  }
}
