package dev.spikeforge.testbenches;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the vectors of a twin bench by port name: each row sets some inputs (the rest are 0) and
 * a reference model sets every output from the row's inputs. Column positions come from the
 * harness, so no width or order is typed in twice; an output the model leaves unset is an error, so
 * no output goes unchecked.
 */
final class TwinRows {
  /** Computes every output of a row from its inputs (golden-model functions). */
  interface Model {
    void expect(Row row);
  }

  private final VectorHarness harness;
  private final Map<String, Integer> inputColumns = new HashMap<>();
  private final Map<String, Integer> outputColumns = new HashMap<>();
  private final List<long[]> inputs = new ArrayList<>();
  private final List<long[]> expected = new ArrayList<>();

  TwinRows(VectorHarness harness) {
    this.harness = harness;
    for (int i = 0; i < harness.inputs().size(); i++) {
      inputColumns.put(harness.inputs().get(i).name(), i);
    }
    for (int i = 0; i < harness.outputs().size(); i++) {
      outputColumns.put(harness.outputs().get(i).name(), i);
    }
  }

  /** One vector under construction. */
  final class Row {
    private final long[] in = new long[harness.inputs().size()];
    private final long[] out = new long[harness.outputs().size()];
    private final boolean[] set = new boolean[out.length];

    /** Sets input {@code port}. */
    Row in(String port, long value) {
      in[column(inputColumns, port, "input")] = value;
      return this;
    }

    /** The value of input {@code port} in this row. */
    long get(String port) {
      return in[column(inputColumns, port, "input")];
    }

    /** Sets the expected value of output {@code port}. */
    Row out(String port, long value) {
      int c = column(outputColumns, port, "output");
      out[c] = value;
      set[c] = true;
      return this;
    }
  }

  /** A new row, all inputs 0. */
  Row row() {
    return new Row();
  }

  /** Completes {@code row} with {@code model} and appends it. */
  void add(Row row, Model model) {
    model.expect(row);
    for (int c = 0; c < row.set.length; c++) {
      if (!row.set[c]) {
        throw new IllegalStateException("the model of " + harness.top() + " sets no value for output "
            + harness.outputs().get(c).name() + " (vector " + inputs.size() + ")");
      }
    }
    inputs.add(row.in);
    expected.add(row.out);
  }

  int size() {
    return inputs.size();
  }

  TwinVectors.Cases cases() {
    return new TwinVectors.Cases(inputs.toArray(new long[0][]), expected.toArray(new long[0][]));
  }

  private int column(Map<String, Integer> columns, String port, String kind) {
    Integer c = columns.get(port);
    if (c == null) {
      throw new IllegalArgumentException("module " + harness.top() + " has no " + kind + " port " + port);
    }
    return c;
  }
}
