package dev.spikeforge.compiler.cycles;

import java.util.List;

/**
 * Clocks per sample of a data set on one core, from {@link CycleModel}: latency (clear to output
 * beat) and period (clocks per sample when samples stream back to back, input never stalling).
 *
 * @param samples samples summarized
 * @param meanLatency mean clocks from a sample's clear to its output beat
 * @param minLatency fewest such clocks
 * @param maxLatency most such clocks
 * @param meanPeriod mean clocks per sample in a back-to-back stream (the throughput figure)
 * @param totalClocks clocks of the whole stream, reset to the last sample's end
 */
public record CycleSummary(int samples, double meanLatency, long minLatency, long maxLatency, double meanPeriod,
    long totalClocks) {

  /** The summary of a timeline's samples. */
  public static CycleSummary of(List<SampleClocks> timeline) {
    if (timeline.isEmpty()) {
      throw new IllegalArgumentException("no samples to summarize");
    }
    long sum = 0;
    long periods = 0;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (SampleClocks s : timeline) {
      sum += s.latency();
      periods += s.period();
      min = Math.min(min, s.latency());
      max = Math.max(max, s.latency());
    }
    int n = timeline.size();
    return new CycleSummary(n, (double) sum / n, min, max, (double) periods / n, timeline.get(n - 1).next());
  }

  /** Microseconds per sample at {@code mhz} (back-to-back stream). */
  public double microsecondsPerSample(double mhz) {
    return meanPeriod / mhz;
  }
}
