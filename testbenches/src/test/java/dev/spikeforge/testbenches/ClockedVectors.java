package dev.spikeforge.testbenches;

import java.util.Arrays;

/**
 * Runs a pipelined block (a {@code clock} input, results {@code latency} rising edges after their
 * inputs, one input vector per clock) through the ordinary vector harness: every input vector
 * becomes two rows, clock 0 then clock 1 with the same inputs (so the inputs settle before the
 * edge), and {@code latency - 1} more clocks repeat the last vector to flush the pipeline. The
 * results of vector i are the outputs sampled after the rising edge {@code latency - 1} vectors
 * later. Rows before the first result may be unknown (registers without reset) and are not read.
 */
final class ClockedVectors {
  private final VectorHarness harness;
  private final int clockCol;
  private final int latency;

  ClockedVectors(VectorHarness harness, int latency) {
    if (latency < 1) {
      throw new IllegalArgumentException("a pipelined block has a latency of at least 1, got " + latency);
    }
    this.harness = harness;
    this.clockCol = harness.inputIndex("clock");
    this.latency = latency;
  }

  /** The harness rows for {@code inputs} (whose clock column is ignored). */
  long[][] rows(long[][] inputs) {
    int n = inputs.length;
    long[][] rows = new long[2 * (n + latency - 1)][];
    for (int i = 0; i < n + latency - 1; i++) {
      long[] v = inputs[Math.min(i, n - 1)];
      rows[2 * i] = Arrays.copyOf(v, v.length);
      rows[2 * i][clockCol] = 0;
      rows[2 * i + 1] = Arrays.copyOf(v, v.length);
      rows[2 * i + 1][clockCol] = 1;
    }
    return rows;
  }

  /** The results of the {@code n} input vectors, picked from the outputs of {@link #rows}. */
  long[][] results(long[][] outputs, int n) {
    if (outputs.length != 2 * (n + latency - 1)) {
      throw new IllegalStateException(harness.top() + ": " + outputs.length + " output rows for " + n
          + " vectors of latency " + latency + ", expected " + 2 * (n + latency - 1));
    }
    long[][] r = new long[n][];
    for (int i = 0; i < n; i++) {
      r[i] = outputs[2 * (i + latency - 1) + 1];
    }
    return r;
  }

  /** The input vectors as the harness drove them at their rising edge (for mismatch reports). */
  long[][] driven(long[][] inputs) {
    long[][] d = new long[inputs.length][];
    for (int i = 0; i < inputs.length; i++) {
      d[i] = Arrays.copyOf(inputs[i], inputs[i].length);
      d[i][clockCol] = 1;
    }
    return d;
  }

  /** Output rows before the first result: the pipeline registers may still be unknown (X in Icarus). */
  int unsettledRows() {
    return 2 * (latency - 1) + 1;
  }

  /** Runs {@code inputs} on {@code sim} and returns the result of each vector. */
  long[][] run(CompiledHarness sim, long[][] inputs) {
    return results(sim.run(rows(inputs), unsettledRows()), inputs.length);
  }
}
