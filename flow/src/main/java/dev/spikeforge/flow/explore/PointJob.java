package dev.spikeforge.flow.explore;

import java.io.Serializable;

/**
 * Everything a JVM needs to evaluate points of a sweep, as text and numbers, so an engine can ship it
 * anywhere that has spikeforge and the dataset: the sweep file's text, the float model every point
 * quantizes (as {@code spikeforge.float-network} JSON, whatever the sweep's model source) and its hash, the
 * test images of the cycle model and the threads per batch. Serializable.
 *
 * @param sweepJson   the sweep file's text
 * @param modelJson   the float model
 * @param modelHash   the model's hash (in every point's hash)
 * @param cycleImages test images of the cycle model
 * @param threads     golden-model threads per batch (results do not depend on it)
 */
public record PointJob(String sweepJson, String modelJson, String modelHash, int cycleImages, int threads)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public PointJob {
    if (threads < 1 || cycleImages < 1) {
      throw new IllegalArgumentException("threads and cycleImages must be at least 1");
    }
  }

  /** The same on {@code n} threads per batch. */
  public PointJob withThreads(int n) {
    return new PointJob(sweepJson, modelJson, modelHash, cycleImages, n);
  }
}
