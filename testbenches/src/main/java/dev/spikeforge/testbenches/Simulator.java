package dev.spikeforge.testbenches;

import dev.spikeforge.simkit.SimulationException;
import dev.spikeforge.toolchain.ToolMissingException;
import java.nio.file.Path;

/**
 * An HDL simulator that runs vector and stream harnesses: {@link VerilatorSimulator} and {@link
 * IcarusSimulator} behave identically, so one test can run the same vectors through both and
 * compare both with the golden model. Both are built on the simulator kit ({@code
 * dev.spikeforge.simkit}) in cocotb's structure: the generated harness is the driver and the monitor,
 * the golden model is the reference model, and {@link VectorComparison} / {@link CoreComparison} are
 * the checkers.
 */
public interface Simulator {
  /** Short name, e.g. {@code verilator}; used in messages and work-directory names. */
  String name();

  /** Version string of the simulator found on PATH, e.g. {@code Verilator 5.006 2023-01-22}. */
  String version();

  /**
   * Generates the harness for {@code harness} in {@code workDir}, builds it and returns a runner
   * that can be fed any number of vector matrices. Build output is kept in {@code workDir}.
   *
   * @throws SimulationException if the build fails (for Verilator: including any -Wall warning)
   * @throws ToolMissingException if a tool the build needs is not installed
   */
  CompiledHarness compile(VectorHarness harness, Path workDir);

  /**
   * Builds the clocked stream harness of the neuron-array core in {@code workDir} (a build whose
   * inputs are unchanged is reused: the directory holds the hash of the RTL and the harness).
   *
   * @throws SimulationException if the build fails (for Verilator: including any -Wall warning)
   * @throws ToolMissingException if a tool the build needs is not installed
   */
  CompiledStream compileStream(StreamHarness harness, Path workDir);

  /** {@code compile(harness, workDir).run(inputs)}, for one-off runs. */
  default long[][] run(VectorHarness harness, Path workDir, long[][] inputs) {
    return compile(harness, workDir).run(inputs);
  }
}
