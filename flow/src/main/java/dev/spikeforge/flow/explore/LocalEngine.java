package dev.spikeforge.flow.explore;

import java.util.List;
import java.util.function.Consumer;

/**
 * The default engine: every batch in this JVM, one after another, on the evaluator the driver built (its
 * golden-model runs use the request's threads, every core by default).
 */
final class LocalEngine implements PointEngine {
  private final PointEvaluator evaluator;
  private final List<PointSettings> settings;

  LocalEngine(PointEvaluator evaluator, List<PointSettings> settings) {
    this.evaluator = evaluator;
    this.settings = settings;
  }

  @Override
  public void evaluate(PointJob job, List<PointBatch> batches, Consumer<List<String>> done) {
    for (PointBatch b : batches) {
      done.accept(Explore.evaluate(evaluator, settings, b));
    }
  }

  @Override
  public String describe() {
    return "this JVM, " + evaluator.threads() + " thread(s)";
  }
}
