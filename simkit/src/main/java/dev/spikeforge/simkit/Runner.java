package dev.spikeforge.simkit;

import dev.spikeforge.toolchain.Tools;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One HDL simulator behind the kit, in the style of cocotb's runner: {@link #build} compiles a
 * {@link Bench} (the design plus its harness) with the kit's strict flags, and the returned
 * {@link Build} runs it any number of times. {@link VerilatorRunner} and {@link IcarusRunner} treat
 * every warning as an error, so a design passes both or neither.
 */
public interface Runner {
  /** How long a simulation may run unless its caller says otherwise. */
  Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(10);

  /** Short name, e.g. {@code verilator}; used in work-directory names. */
  String name();

  /** The name in messages, e.g. {@code Verilator}. */
  String title();

  /** Version string of the simulator found on the search path, e.g. {@code Verilator 5.006 2023-01-22}. */
  String version();

  /**
   * Compiles {@code bench} in {@code workDir} (created if needed; the build output and
   * {@code build.log} stay there).
   *
   * @throws SimulationException naming the simulator, what was built and the first error, if the
   *     build fails or warns
   * @throws dev.spikeforge.toolchain.ToolMissingException if a tool the build needs is not installed
   */
  Build build(Bench bench, Path workDir);

  /** Verilator on {@code PATH}, building with two make jobs. */
  static VerilatorRunner verilator() {
    return new VerilatorRunner(Tools.system(), VerilatorRunner.DEFAULT_BUILD_JOBS);
  }

  /** Icarus on {@code PATH}. */
  static IcarusRunner icarus() {
    return new IcarusRunner(Tools.system());
  }
}
