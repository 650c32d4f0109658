package dev.spikeforge.golden.train.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.TrainingEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 2: {@code train --threads 2} made desire training slower than one thread (1,392 →
 * 1,204 samples/s at 784-1000-100-10); for a while the sample loop then ran on one thread whatever
 * {@code --threads} said. The team now splits each layer's neurons without per-step hand-offs and
 * pays on free cores, so {@code --threads N} (N ≥ 2) trains on an adaptive engine: a team of N when it
 * is measured faster than one thread (a busy machine can make it slower), else one thread. A
 * network with no layer large enough to split runs on one thread.
 */
@Tag("unit")
class DesireSampleLoopTest {
  static String engineOf(int[] sizes, int threads) {
    try (TrainingEngine e = DesireConfig.floatForm(sizes, DesireParams.mnist(), 1).adaptiveEngine(threads)) {
      return e.getClass().getSimpleName();
    }
  }

  @Test
  void twoThreadsTrainOnAnAdaptiveTeamWhenALayerIsLargeEnough() {
    int[] large = {784, 1000, 100, 10};
    assertEquals("DesireFloatEngine", engineOf(large, 1));
    assertEquals("AdaptiveDesireEngine", engineOf(large, 2));
    assertEquals("DesireFloatEngine", engineOf(new int[] {16, 8, 2}, 2));
  }
}
