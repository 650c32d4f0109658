package dev.spikeforge.testbenches;

import java.util.Optional;

/** Exact comparison of a design's outputs with the expected ones, vector by vector. */
public final class VectorComparison {
  private VectorComparison() {}

  /**
   * The first row where {@code actual} differs from {@code expected}, if any.
   *
   * @param source who produced {@code actual}, for the report
   * @throws IllegalArgumentException if the matrices' shapes do not match the harness
   */
  public static Optional<VectorMismatch> firstMismatch(
      String source, VectorHarness harness, long[][] inputs, long[][] expected, long[][] actual) {
    if (expected.length != inputs.length || actual.length != inputs.length) {
      throw new IllegalArgumentException(source + ": " + inputs.length + " input vectors but "
          + expected.length + " expected and " + actual.length + " actual output vectors");
    }
    int outs = harness.outputs().size();
    int first = -1;
    int count = 0;
    for (int r = 0; r < inputs.length; r++) {
      if (expected[r].length != outs || actual[r].length != outs) {
        throw new IllegalArgumentException(source + ": output vector " + r + " has "
            + expected[r].length + " expected and " + actual[r].length + " actual values; the harness has "
            + outs + " outputs " + VectorFiles.names(harness.outputs()));
      }
      if (!java.util.Arrays.equals(expected[r], actual[r])) {
        if (first < 0) {
          first = r;
        }
        count++;
      }
    }
    if (first < 0) {
      return Optional.empty();
    }
    return Optional.of(new VectorMismatch(source, harness, first, inputs[first].clone(),
        expected[first].clone(), actual[first].clone(), inputs.length, count));
  }

  /**
   * Throws an {@link AssertionError} carrying {@link VectorMismatch#describe()} if any vector
   * differs.
   */
  public static void assertSame(
      String source, VectorHarness harness, long[][] inputs, long[][] expected, long[][] actual) {
    firstMismatch(source, harness, inputs, expected, actual).ifPresent(m -> {
      throw new AssertionError(m.describe());
    });
  }
}
