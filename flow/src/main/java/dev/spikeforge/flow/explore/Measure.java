package dev.spikeforge.flow.explore;

/**
 * One figure of a point with where it comes from, so nothing estimated passes for measured.
 *
 * @param value    the figure (NaN when not available)
 * @param source   {@code golden-model}, {@code cycle-model}, {@code estimate}, {@code real} (yosys/nextpnr),
 *                 {@code spec} (exact from the hardware spec) or {@code derived-estimate}/{@code derived} (from others)
 * @param estimate for a {@code real} hardware figure, the estimator's value beside it; else null (left out of the JSON)
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Measure(double value, String source, Double estimate) {
  static Measure of(double value, String source) {
    return new Measure(value, source, null);
  }
}
