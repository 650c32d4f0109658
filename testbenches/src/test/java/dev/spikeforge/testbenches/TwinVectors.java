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
}
