package dev.spikeforge.flow;

import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.build.ModelInput;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.io.DesireNpyImport;
import dev.spikeforge.golden.io.ModelFiles;
import dev.spikeforge.golden.spec.EncoderSpec;
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

  static CompileReport run(CompileRequest q, FlowEvents events) {
    return new CompileRun(q).run(events);
  }

  private CompileReport run(FlowEvents events) {
    MappingOptions mapping = q.mapping();
    ModelFiles.Source source = ModelFiles.resolve(q.model());
    boolean floatModel = source.kind().isFloat();
    String given = q.quantizationField();
    ConfigException.require(floatModel || given == null, given, "applies only to float models"
        + " (spikeforge.float-network), which compile quantizes; " + source.path() + " is an integer network");
    ModelFiles.Model model = ModelFiles.load(source, DesireNpyImport.Options.DEFAULT);
    EncoderSpec recorded = floatModel ? model.floatNetwork().encoder() : model.network().encoder();
    EncoderSpec encoder = EncoderOption.resolve(q.encoder(), 1, recorded);
    if (!encoder.equals(recorded)) {
      events.log().println("note: the build records encoder " + encoder + " (--encoder); " + source.path()
          + " records " + recorded);
    }
    ModelInput.Loaded in;
    if (!floatModel) {
      in = ModelInput.load(model, 0, null, null);
    } else {
      Integer membrane = q.membraneWidth() == null || q.calibratesMembrane()
          ? Integer.valueOf(CalibrationRule.REFERENCE_MEMBRANE_WIDTH)
          : q.membraneWidth().equals("auto") ? null : Integer.valueOf(Integer.parseInt(q.membraneWidth()));
      Double tolerance = !q.calibratesMembrane() ? null
          : (q.membraneTolerance() == null ? CompileRequest.DEFAULT_MEMBRANE_TOLERANCE : q.membraneTolerance()) / 100;
      int bits = q.weightWidth() == null ? CompileRequest.DEFAULT_WEIGHT_WIDTH : q.weightWidth();
      in = FloatQuantization.run(model.floatNetwork().withEncoder(encoder), model.format(), model.sha256(), bits,
          membrane, tolerance, q.scale(), calibrationSet(), SpikeEncoder.of(encoder), threads, q.maxDrop(), events);
    }
    // the spikes the build is verified and run on: recorded in network.json, its hash and the manifest
    NetworkSpec net = in.network().withEncoder(encoder);
    Accuracy accuracy = null;
    if (in.report() != null && q.accuracyImages() != null && q.accuracyImages() > 0) {
      Dataset test = dataset(Split.TEST);
      accuracy = Accuracy.of(in.floatNetwork(), net, test.slice(0, Math.min(q.accuracyImages(), test.size())), threads);
    }
    Path dir = q.output() != null ? q.output() : Path.of("build", net.name());
    CompileConfig config = new CompileConfig(mapping, q.board(), q.smokeSamples(), 1, in.source());
    if (q.learning() != null) {
      config = config.withLearning(LearningSetup.of(q.learning(), net, source.path(), q.dataset(), mapping,
          q.shadowBits(), q.stochasticRounding()));
    }
    return new CompileReport(in, accuracy, Compiler.compile(net, config, dir), dir);
  }

  /** The last {@code calibrationImages} images of the training split (never the test set), loaded once. */
  private Dataset calibrationSet() {
    if (q.calibrationImages() == 0) {
      return null;
    }
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
