package dev.spikeforge.testbenches;

import dev.spikeforge.hwgen.GeneratedModule;
import java.nio.file.Path;
import java.util.List;

/** Runs a combinational block's vectors through Verilator and Icarus and compares with the golden answers. */
final class TwinVectors {
  private TwinVectors() {}

  /** Inputs and the golden model's outputs, in the harness's column order. */
  record Cases(long[][] inputs, long[][] expected) {}

  static void assertBothSimulators(GeneratedModule m, Path work, Cases cases) {
    VectorHarness h = VectorHarness.of(m);
    for (Simulator s : List.<Simulator>of(new VerilatorSimulator(), new IcarusSimulator())) {
      long[][] actual = s.run(h, work.resolve(m.moduleName() + "-" + s.name()), cases.inputs());
      VectorComparison.assertSame(s.name() + ": " + h.top(), h, cases.inputs(), cases.expected(), actual);
    }
  }

  /** As {@link #assertBothSimulators} for a pipelined block: one vector a clock, results {@code latency} clocks later. */
  static void assertBothSimulatorsClocked(GeneratedModule m, Path work, Cases cases, int latency) {
    VectorHarness h = VectorHarness.of(m);
    ClockedVectors c = new ClockedVectors(h, latency);
    for (Simulator s : List.<Simulator>of(new VerilatorSimulator(), new IcarusSimulator())) {
      long[][] actual = c.run(s.compile(h, work.resolve(m.moduleName() + "-" + s.name())), cases.inputs());
      VectorComparison.assertSame(s.name() + ": " + h.top(), h, c.driven(cases.inputs()), cases.expected(), actual);
    }
  }

  /**
   * A mutant bench is caught: simulated on {@code right}'s inputs it agrees with {@code wrong}, the Java model of
   * its mistakes, on every vector (so the simulator really runs the mutant), and the comparison against
   * {@code right} (the golden functions) reports the first vector where the two models differ, naming only
   * {@code output}. Returns that report for further checks.
   */
  static VectorMismatch assertMutantCaught(CompiledHarness sim, VectorHarness m, Cases right, Cases wrong,
      String output) {
    long[][] actual = sim.run(right.inputs());
    VectorComparison.assertSame(m.top() + " against the mutant's model", m, right.inputs(), wrong.expected(),
        actual);
    VectorMismatch found = VectorComparison.firstMismatch(m.top(), m, right.inputs(), right.expected(), actual)
        .orElseThrow(() -> new AssertionError("the wrong twin behind " + output + " must be caught"));
    int first = 0;
    while (java.util.Arrays.equals(right.expected()[first], wrong.expected()[first])) {
      first++;
    }
    if (found.index() != first || !found.differingOutputs().equals(List.of(output))) {
      throw new AssertionError("expected the first difference at vector " + first + " in " + output + " alone:\n"
          + found.describe());
    }
    return found;
  }
}
