package dev.spikeforge.flow;

import java.nio.file.Path;

/**
 * What the train step produced.
 *
 * @param floatModel     the float model the next steps quantize
 * @param how            trained now, reused from an unchanged earlier run, or given in the config
 * @param samplesTrained samples trained in this run (0 unless trained)
 * @param trainSeconds   training wall time of this run (0 unless trained)
 */
public record TrainOutcome(Path floatModel, Source how, long samplesTrained, double trainSeconds) {
  /** Where the float model came from. */
  public enum Source { TRAINED, REUSED, GIVEN }
}
