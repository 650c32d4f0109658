package dev.spikeforge.flow;

import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.build.ModelInput;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.quantize.ScaleStrategy;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Path;

/**
 * A compile ({@link Flow#compile(CompileRequest, FlowEvents)}): the model loaded (a float model quantized with
 * the scale and membrane-width rules of the request, calibrated by {@link CalibrationRule} on training images),
 * its accuracy measured when asked, and the build directory written by {@link Compiler#compile}.
 */
final class CompileRun {
  private final CompileRequest q;
  private final int threads;
  private Dataset calibrationSet;

  private CompileRun(CompileRequest q) {
    this.q = q;
    this.threads = q.threadCount();
  }

  static CompileReport run(CompileRequest q) {
    return new CompileRun(q).run();
  }

  private CompileReport run() {
    MappingOptions mapping = new MappingOptions(q.lanes(), q.inputWordWidth(),
        MappingOptions.WeightMemory.parse(q.weightMemory()));
    boolean floatModel = ModelInput.isFloatModel(q.model());
    String given = q.quantizationField();
    ConfigException.require(floatModel || given == null, given, "applies only to float models"
        + " (spikeforge.float-network), which compile quantizes; " + q.model() + " is an integer network");
    Integer membrane = q.membraneWidth() == null || q.calibratesMembrane()
        ? Integer.valueOf(CalibrationRule.REFERENCE_MEMBRANE_WIDTH)
        : q.membraneWidth().equals("auto") ? null : Integer.valueOf(Integer.parseInt(q.membraneWidth()));
    ModelInput.Scaling scaling = floatModel ? ScaleRule.of(q.scale(), this::calibrationSet, threads)
        : ModelInput.Scaling.fixed(ScaleStrategy.maxAbs());
    if (floatModel && q.calibratesMembrane()) {
      double points = q.membraneTolerance() == null ? CompileRequest.DEFAULT_MEMBRANE_TOLERANCE : q.membraneTolerance();
      scaling = scaling.withMembraneCalibration(points / 100, calibrationSet(), new RateEncoder(), threads);
    }
    ModelInput.Loaded in = ModelInput.load(q.model(),
        q.weightWidth() == null ? CompileRequest.DEFAULT_WEIGHT_WIDTH : q.weightWidth(), membrane, scaling);
    NetworkSpec net = in.network();
    Accuracy accuracy = null;
    if (in.report() != null && q.accuracyImages() != null && q.accuracyImages() > 0) {
      Dataset test = dataset(Split.TEST);
      accuracy = Accuracy.of(in.floatNetwork(), net, test.slice(0, Math.min(q.accuracyImages(), test.size())), threads);
    }
    Path dir = q.output() != null ? q.output() : Path.of("build", net.name());
    CompileConfig config = new CompileConfig(mapping, q.board(), q.smokeSamples(), 1, in.source());
    return new CompileReport(in, accuracy, Compiler.compile(net, config, dir), dir);
  }

  /** The last {@code calibrationImages} images of the training split (never the test set), loaded once. */
  private Dataset calibrationSet() {
    if (calibrationSet == null) {
      calibrationSet = CalibrationRule.calibrationSet(dataset(Split.TRAIN), q.calibrationImages());
    }
    return calibrationSet;
  }

  private Dataset dataset(Split split) {
    ConfigException.require(DatasetCatalog.NAMES.contains(q.dataset()), "dataset",
        "'" + q.dataset() + "' is unknown; choose one of " + String.join(", ", DatasetCatalog.NAMES));
    return DatasetCatalog.load(q.dataset(), split, q.dataDir());
  }
}
