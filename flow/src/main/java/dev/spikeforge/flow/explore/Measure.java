package dev.spikeforge.flow.explore;

import java.util.List;

/**
 * One figure of a point with where it comes from, so nothing estimated passes for measured.
 *
 * @param value    the figure (NaN when not available); for a {@code real} Fmax, the median over the placement
 *                 seeds
 * @param source   {@code golden-model}, {@code cycle-model}, {@code estimate}, {@code real} (yosys/nextpnr),
 *                 {@code spec} (exact from the hardware spec) or {@code derived-estimate}/{@code derived} (from others)
 * @param estimate for a {@code real} hardware figure, the estimator's value beside it; else null (left out of the JSON)
 * @param seeds    for a {@code real} Fmax, nextpnr's Fmax for placement seeds 1, 2, …, N in that order; else null
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Measure(double value, String source, Double estimate, List<Double> seeds) {
  public Measure {
    seeds = seeds == null ? null : List.copyOf(seeds);
  }

  /** A figure without per-seed values. */
  public Measure(double value, String source, Double estimate) {
    this(value, source, estimate, null);
  }

  static Measure of(double value, String source) {
    return new Measure(value, source, null, null);
  }

  /** The best (highest) of the per-seed values; NaN without them. */
  public double best() {
    return seeds == null ? Double.NaN : seeds.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** The median of {@code values} (the mean of the middle two for an even count). */
  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
