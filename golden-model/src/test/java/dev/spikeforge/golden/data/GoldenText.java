package dev.spikeforge.golden.data;

import dev.spikeforge.golden.sim.SpikeRaster;

/** Text renderings of generated data for pinned regression files under {@code src/test/resources/data/}. */
final class GoldenText {
  private GoldenText() {}

  /**
   * The parameters, the class offsets and the first {@code samples} training samples, one line
   * each: {@code label | t:ch,ch t:ch ...} (only steps with spikes).
   */
  static String delayPattern(DelayPatternTask task, int samples) {
    DelayPatternParams p = task.params();
    StringBuilder s = new StringBuilder("# DelayPatternTask ").append(p).append('\n');
    for (int c = 0; c < p.classes(); c++) {
      s.append("offsets ").append(c).append(':');
      for (int i = 0; i < p.channels(); i++) {
        s.append(' ').append(task.offset(c, i));
      }
      s.append('\n');
    }
    Dataset d = task.trainSet(samples);
    for (int j = 0; j < d.size(); j++) {
      s.append("sample ").append(j).append(" label ").append(d.label(j)).append(" |");
      SpikeRaster r = d.raster(j);
      for (int t = 0; t < r.steps(); t++) {
        int[] e = r.at(t);
        if (e.length > 0) {
          s.append(' ').append(t).append(':');
          for (int k = 0; k < e.length; k++) {
            s.append(k == 0 ? "" : ",").append(e[k]);
          }
        }
      }
      s.append('\n');
    }
    return s.toString();
  }
}
