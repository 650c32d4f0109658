package dev.spikeforge.flow.explore;

import java.io.Serializable;
import java.util.List;

/**
 * Points of a sweep evaluated together: their indices in the sweep's point list and their content hashes
 * (the cache keys), all with the same quantization ({@link PointEvaluator#quantKey}). Serializable, so an
 * engine can ship it to another JVM.
 *
 * @param indices indices into {@link Sweep#points()}
 * @param hashes  each point's hash, in the same order
 */
public record PointBatch(List<Integer> indices, List<String> hashes) implements Serializable {
  private static final long serialVersionUID = 1L;

  public PointBatch {
    indices = List.copyOf(indices);
    hashes = List.copyOf(hashes);
    if (indices.size() != hashes.size() || indices.isEmpty()) {
      throw new IllegalArgumentException("a batch needs one hash per index and at least one point");
    }
  }
}
