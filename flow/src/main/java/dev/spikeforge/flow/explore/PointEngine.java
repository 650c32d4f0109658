package dev.spikeforge.flow.explore;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where the points of a sweep are evaluated. {@link Explore} hands an engine the work as {@link PointBatch}es
 * (points sharing one quantization, so one accuracy run and one set of traces serve the batch) with the
 * {@link PointJob} that says how to evaluate them; the engine evaluates every batch with
 * {@link Explore#evaluateBatch}, wherever it runs it, and hands each result back as it arrives. The driver
 * caches each result under its content hash as soon as it is handed back, so a batch an engine runs twice
 * (a retried task) changes nothing. The local engine is the default; {@code explore-spark} runs the batches
 * as Apache Spark tasks.
 */
public interface PointEngine {
  /**
   * Evaluates every batch; {@code done} receives each batch's results (JSON of {@link PointResult}, in the
   * batch's order), from one thread at a time.
   *
   * @throws RuntimeException when a batch cannot be evaluated at all (a point that fails is a result, not this)
   */
  void evaluate(PointJob job, List<PointBatch> batches, Consumer<List<String>> done);

  /** A short description for the log, e.g. {@code local, 2 threads} or {@code spark://host:7077}. */
  String describe();
}
