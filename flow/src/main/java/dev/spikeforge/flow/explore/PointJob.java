package dev.spikeforge.flow.explore;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Everything a JVM needs to evaluate points of a sweep, as text and numbers, so an engine can ship it
 * anywhere that has spikeforge and the dataset: the sweep file's text, the float model every point
 * quantizes (as {@code spikeforge.float-network} JSON, whatever the sweep's model source) and its hash, the
 * test images of the cycle model, the threads per batch and the dataset's directory, made absolute on the
 * driver (an executor runs in a directory of its own). Serializable.
 *
 * @param sweepJson   the sweep file's text
 * @param modelJson   the float model
 * @param modelHash   the model's hash (in every point's hash)
 * @param cycleImages test images of the cycle model
 * @param threads     golden-model threads per batch (results do not depend on it)
 * @param dataDir     the dataset's directory as an absolute path, or null for where the package installs it
 */
public record PointJob(String sweepJson, String modelJson, String modelHash, int cycleImages, int threads,
    String dataDir)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public PointJob {
    if (threads < 1 || cycleImages < 1) {
      throw new IllegalArgumentException("threads and cycleImages must be at least 1");
    }
    if (dataDir != null && !Path.of(dataDir).isAbsolute()) {
      throw new IllegalArgumentException("dataDir must be absolute (executors run elsewhere), got " + dataDir);
    }
  }

  /** The same on {@code n} threads per batch. */
  /** {@code dataDir} (relative to this JVM's working directory) as a job's absolute directory, or null. */
  public static String absoluteDataDir(String dataDir) {
    return dataDir == null ? null : Path.of(dataDir).toAbsolutePath().normalize().toString();
  }

  public PointJob withThreads(int n) {
    return new PointJob(sweepJson, modelJson, modelHash, cycleImages, n, dataDir);
  }
}
