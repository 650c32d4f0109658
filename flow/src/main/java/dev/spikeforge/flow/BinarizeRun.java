package dev.spikeforge.flow;

import dev.spikeforge.compiler.binarize.BinarizationPlan;
import dev.spikeforge.compiler.binarize.BinarizationPlanner;
import dev.spikeforge.compiler.binarize.Binarize;
import dev.spikeforge.compiler.build.ModelInput;
import dev.spikeforge.compiler.quantize.Calibration;
import dev.spikeforge.compiler.quantize.MembraneWidth;
import dev.spikeforge.compiler.quantize.QuantizationCheck;
import dev.spikeforge.compiler.quantize.QuantizationConfig;
import dev.spikeforge.compiler.quantize.ScaleStrategy;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.io.DesireNpyImport;
import dev.spikeforge.golden.io.ModelFiles;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A binarization ({@link Flow#binarize}): the planner's per-layer estimate on the validation slice, then
 * the chosen layers binarized: a float model quantized with them (the multi-bit layers' scale rule calibrated by
 * default, the result checked by {@link FloatQuantization}), an integer model binarized in the integer domain
 * (sign weights, threshold θ/α). Logs what it estimates to {@code events}.
 */
final class BinarizeRun {
  private final BinarizeRequest q;
  private dev.spikeforge.golden.spec.EncoderSpec coding;
  private final FlowEvents events;

  private BinarizeRun(BinarizeRequest q, FlowEvents events) {
    this.q = q;
    this.events = events;
  }

  static BinarizeReport run(BinarizeRequest q, FlowEvents events) throws IOException {
    ModelFiles.Source source = ModelFiles.resolve(q.model());
    BinarizeRun r = new BinarizeRun(q, events);
    return source.kind().isFloat() ? r.floating(ModelFiles.load(source, DesireNpyImport.Options.DEFAULT))
        : r.integer(source);
  }

  private BinarizeReport floating(ModelFiles.Model m) throws IOException {
    coding = EncoderOption.resolve(q.encoder(), q.seed(), m.floatNetwork().encoder());
    FloatNetwork net = m.floatNetwork().withEncoder(coding);
    Set<String> candidates = candidates(net.layers().stream().filter(l -> l.kind() == LayerKind.DENSE)
        .map(FloatLayer::name).toList());
    Dataset val = data();
    int bits = or(q.weightBits(), 4);
    int membrane = or(q.membraneBits(), 16);
    Dataset cal = q.calibrationImages() == 0 ? null : CalibrationRule.calibrationSet(
        DataSlice.load(q.dataset(), "train", q.dataDir(), 0, null), q.calibrationImages());
    QuantizationConfig qc = QuantizationConfig.of(bits).withMembraneWidth(MembraneWidth.fixed(membrane));
    ScaleStrategy scale;
    if (cal == null) {
      ConfigException.require(q.scale() != null && !q.scale().equals(ScaleRule.DEFAULT), "scale",
          ScaleRule.name(q.scale()) + " needs calibration images; with --calibration-images 0 choose max-abs,"
              + " power-of-two or percentile:P");
      ConfigException.require(q.maxDrop() == null, "maxDrop", "needs calibration images to measure the drop on");
      scale = ScaleRule.strategy(q.scale());
    } else if (q.scale() == null || q.scale().equals("calibrate")) {
      try (FlowEvents.Task t = events.ticker("scale calibration of the multi-bit layers")) {
        scale = Calibration.calibrate(net, qc, Calibration.DEFAULT_CANDIDATES, cal, encoder(), q.threadCount())
            .chosen();
      }
    } else {
      scale = ScaleRule.strategy(q.scale());
    }
    qc = qc.withScaleStrategy(scale);
    events.log().printf("estimating the cost of binarizing %s on %d samples of %s (other layers %d-bit, scale %s)%n",
        String.join(", ", candidates), val.size(), displayName(), bits, scale);
    BinarizationPlan plan = BinarizationPlanner.plan(net, candidates, val, encoder(), qc, constraint(),
        q.threadCount());
    ModelInput.Loaded in = FloatQuantization.run(Binarize.network(net, Set.copyOf(plan.binarized())), m.format(),
        m.sha256(), bits, membrane, cal == null ? ModelInput.Scaling.fixed(scale)
            : ModelInput.Scaling.fixed(scale, cal, encoder(), q.threadCount()),
        ScaleRule.name(q.scale()) + " (" + scale + ")", q.maxDrop(), events);
    return write(false, plan, in.network(), in.check());
  }

  private BinarizeReport integer(ModelFiles.Source source) throws IOException {
    String field = q.quantizationField();
    ConfigException.require(field == null, field, notForIntegers());
    NetworkSpec net = ModelFiles.load(source, DesireNpyImport.Options.DEFAULT).network();
    coding = EncoderOption.resolve(q.encoder(), q.seed(), net.encoder());
    net = net.withEncoder(coding);
    Set<String> candidates = candidates(net.layers().stream().filter(l -> l.kind() == LayerKind.DENSE)
        .map(LayerSpec::name).toList());
    Dataset val = data();
    events.log().printf("estimating the cost of binarizing %s of integer model %s on %d samples of %s%n",
        String.join(", ", candidates), net.name(), val.size(), displayName());
    BinarizationPlan plan = BinarizationPlanner.plan(net, candidates, val, encoder(), constraint(), q.threadCount());
    return write(true, plan, Binarize.intNetwork(net, Set.copyOf(plan.binarized())), null);
  }

  private BinarizeReport write(boolean integer, BinarizationPlan plan, NetworkSpec net, QuantizationCheck check)
      throws IOException {
    NetworkJson.write(net, q.output());
    return new BinarizeReport(integer, plan, net, NetworkJson.contentHash(net), q.output(), check);
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

  /** The input coding: the given encoder, else the model's recorded one (set by floating or integer). */
  private dev.spikeforge.golden.data.SpikeEncoder encoder() {
    return dev.spikeforge.golden.data.SpikeEncoder.of(coding);
  }

  private String displayName() {
    return q.dataset() + "/" + q.split();
  }

  private static int or(Integer v, int otherwise) {
    return v == null ? otherwise : v;
  }
}
