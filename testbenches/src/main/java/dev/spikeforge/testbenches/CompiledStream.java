package dev.spikeforge.testbenches;

import dev.spikeforge.simkit.SimulationException;
import java.nio.file.Path;

/** A stream harness built by a {@link Simulator}; runs any number of times (thread-safe). */
public interface CompiledStream {
  StreamHarness harness();

  Simulator simulator();

  /** Where the harness was built. */
  Path workDir();

  /**
   * Runs the beats through the core and returns the simulator's log ({@code run.out()}).
   *
   * @throws SimulationException if the simulator fails, times out or leaves beats unconsumed
   */
  Path run(StreamRun run);
}
