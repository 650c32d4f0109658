package dev.spikeforge.boards.sim;

import dev.spikeforge.boards.link.BoardResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What hw-gen's TEST FIXTURE CountingTestCore answers for a sample (see its doc): prediction =
 * spikes mod outputs, unique = spike count even, decisionStep = first step with a spike (1-based,
 * T if none), counts[k] = spikes on channel k, saturating.
 */
final class CountingCoreModel {
  private CountingCoreModel() {}

  static BoardResult expected(int[][] steps, int outputs, int countWidth) {
    long total = 0;
    int first = 0;
    long max = (1L << countWidth) - 1;
    long[] counts = new long[outputs];
    for (int t = 0; t < steps.length; t++) {
      for (int s : steps[t]) {
        total++;
        if (first == 0) {
          first = t + 1;
        }
        if (s < outputs && counts[s] < max) {
          counts[s]++;
        }
      }
    }
    List<Long> c = new ArrayList<>();
    for (long v : counts) {
      c.add(v);
    }
    return new BoardResult((int) (total % outputs), total % 2 == 0, first == 0 ? steps.length : first, c);
  }
}
