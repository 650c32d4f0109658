package dev.spikeforge.testbenches;

/**
 * The first place where the core's trace or output differs from the golden model in one sample.
 *
 * @param source the simulator, e.g. {@code verilator}
 * @param sample position of the sample in the run
 * @param sampleId the sample's id (e.g. its dataset index)
 * @param step time step (−1 for the output beat)
 * @param layer layer index (−1 for the output beat)
 * @param layerName layer name ("" for the output beat)
 * @param neuron neuron index (output: class index for counts, −1 otherwise)
 * @param field {@code spike}, {@code membrane}, {@code trace beat} (a beat missing, extra or out of
 *     order), {@code prediction}, {@code unique}, {@code decisionStep} or {@code count}
 * @param width bits of the field (the layer's membrane width for membranes)
 * @param expected the golden model's value
 * @param actual the core's value
 * @param detail further explanation, e.g. which beat was expected
 */
public record CoreMismatch(
    String source,
    int sample,
    int sampleId,
    int step,
    int layer,
    String layerName,
    int neuron,
    String field,
    int width,
    long expected,
    long actual,
    String detail) {

  /** {@code value}'s low {@code width} bits, most significant first. */
  static String bits(long value, int width) {
    StringBuilder sb = new StringBuilder(width);
    for (int i = width - 1; i >= 0; i--) {
      sb.append(((value >>> i) & 1) == 0 ? '0' : '1');
    }
    return sb.toString();
  }

  /** A multi-line report. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(source).append(": sample ").append(sample).append(" (id ").append(sampleId).append(") differs from the golden model");
    if (step >= 0) {
      sb.append(" at step ").append(step).append(", layer ").append(layer).append(" (").append(layerName).append("), neuron ")
          .append(neuron);
    } else {
      sb.append(" in the output beat").append(neuron >= 0 ? ", class " + neuron : "");
    }
    sb.append(", field ").append(field).append('\n');
    if (width > 0) {
      sb.append("  expected ").append(bits(expected, width)).append(" (").append(expected).append(")\n");
      sb.append("  actual   ").append(bits(actual, width)).append(" (").append(actual).append(")\n");
    }
    if (!detail.isEmpty()) {
      sb.append("  ").append(detail).append('\n');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return describe();
  }
}
