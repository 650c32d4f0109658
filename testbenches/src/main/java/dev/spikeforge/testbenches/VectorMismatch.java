package dev.spikeforge.testbenches;

import java.util.List;

/**
 * The first vector on which a design's outputs differ from the expected ones, with every input and
 * output field in decimal and in bits.
 *
 * @param source who produced the actual values, e.g. {@code verilator: LifNeuronUnit_m8_c8}
 * @param index the vector's row number
 * @param vectorCount how many vectors were compared
 * @param mismatchCount how many of them differ
 */
public record VectorMismatch(
    String source,
    VectorHarness harness,
    int index,
    long[] inputs,
    long[] expected,
    long[] actual,
    int vectorCount,
    int mismatchCount) {

  /** The names of the outputs that differ on this vector. */
  public List<String> differingOutputs() {
    List<String> names = new java.util.ArrayList<>();
    for (int c = 0; c < expected.length; c++) {
      if (expected[c] != actual[c]) {
        names.add(harness.outputs().get(c).name());
      }
    }
    return names;
  }

  /** A multi-line report naming every input and output field of the first failing vector. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(source).append(": ").append(mismatchCount).append(" of ").append(vectorCount)
        .append(" vectors differ from the expected outputs; first at vector ").append(index).append('\n');
    int w = 0;
    for (Port p : harness.inputs()) {
      w = Math.max(w, p.name().length());
    }
    for (Port p : harness.outputs()) {
      w = Math.max(w, p.name().length());
    }
    sb.append("  inputs:\n");
    for (int c = 0; c < inputs.length; c++) {
      Port p = harness.inputs().get(c);
      sb.append("    ").append(pad(p.name(), w)).append(" = ").append(p.describe(inputs[c])).append('\n');
    }
    sb.append("  outputs:\n");
    for (int c = 0; c < expected.length; c++) {
      Port p = harness.outputs().get(c);
      sb.append("    ").append(pad(p.name(), w))
          .append("   expected ").append(p.describe(expected[c]))
          .append("   actual ").append(p.describe(actual[c]))
          .append(expected[c] == actual[c] ? "" : "   <-- differs").append('\n');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return describe();
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(w - s.length());
  }
}
