package dev.spikeforge.golden.train.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 2: {@code train --threads 2} made desire training slower than one thread (1,392 →
 * 1,204 samples/s at 784-1000-100-10, the second core spent on hand-offs inside each sample). The
 * sample loop now runs on one thread whatever {@code --threads} allows; the threads go to the
 * evaluations. The bits never depended on it ({@code DesireDeterminismTest}).
 */
@Tag("unit")
class DesireSampleLoopThreadsTest {
  @Test
  void secondCoreMadeDesireTrainingSlowerSoTheSampleLoopRunsOnOneThread() {
    for (int threads = 1; threads <= 256; threads *= 2) {
      assertEquals(1, DesireRule.sampleLoopThreads(threads), "--threads " + threads);
    }
  }
}
