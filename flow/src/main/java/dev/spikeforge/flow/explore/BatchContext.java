package dev.spikeforge.flow.explore;

import dev.spikeforge.flow.CalibrationRule;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import java.nio.file.Path;
import java.util.List;

/**
 * What a JVM that evaluates batches of a {@link PointJob} loads once: the sweep and its points, the model,
 * the calibration and test images, the estimator. Kept for the last job seen, so the batches of one sweep
 * that land on one JVM (a Spark executor) share it; each batch gets its own {@link PointEvaluator}, so
 * concurrent batches share nothing mutable.
 */
record BatchContext(String key, Sweep sweep, List<PointSettings> settings, FloatNetwork model, String modelHash,
    Dataset calibration, Dataset test, int cycleImages, int threads, CostEstimator estimator) {

  private static BatchContext last;

  static synchronized BatchContext of(PointJob job) {
    String key = Explore.hash(job.sweepJson() + "\n" + job.modelHash() + "\n" + job.cycleImages() + "\n" + job.threads()
        + "\n" + job.dataDir());
    if (last != null && last.key.equals(key)) {
      return last;
    }
    Sweep sweep = Sweep.parse(job.sweepJson(), null, false);
    FloatNetwork model = FloatNetworkJson.parse(job.modelJson());
    Path dir = job.dataDir() == null ? null : Path.of(job.dataDir()); // absolute: made so on the driver
    Dataset train = DatasetCatalog.load(sweep.data().dataset(), Split.TRAIN, dir);
    Dataset calibration = CalibrationRule.calibrationSet(train, sweep.data().calibrationImages());
    Dataset testAll = DatasetCatalog.load(sweep.data().dataset(), Split.TEST, dir);
    Dataset test = testAll.slice(0, Math.min(sweep.data().testImages(), testAll.size()));
    last = new BatchContext(key, sweep, sweep.points(), model, job.modelHash(), calibration, test,
        Math.min(job.cycleImages(), test.size()), job.threads(), CostEstimator.bundled());
    return last;
  }

  PointEvaluator evaluator() {
    return new PointEvaluator(sweep, model, modelHash, calibration, test, cycleImages, threads, estimator);
  }
}
