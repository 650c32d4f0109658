package dev.spikeforge.testbenches;

import dev.spikeforge.simkit.SimulationException;
import java.nio.file.Path;

/** A vector harness that has been built by a {@link Simulator} and can be run repeatedly. */
public interface CompiledHarness {
  /** The harness this was built from. */
  VectorHarness harness();

  /** The simulator that built it. */
  Simulator simulator();

  /** Where the harness, the build output, the vector files and the logs are. */
  Path workDir();

  /**
   * Drives each row of {@code inputs} (one value per input port, in {@link VectorHarness#inputs()}
   * order) into the design, lets it settle and samples the outputs.
   *
   * @return one row per input row, one value per output port (signed ports sign-extended)
   * @throws IllegalArgumentException if a row has the wrong length or a value does not fit its port
   * @throws SimulationException if the simulator fails or returns X/Z or a wrong number of rows
   */
  default long[][] run(long[][] inputs) {
    return run(inputs, 0);
  }

  /**
   * As {@link #run(long[][])}, but the outputs of the first {@code unsettledRows} rows may be X or
   * Z (a pipelined design before its registers have been written): such values read as 0 and must
   * not be compared. Every later row must be fully known.
   */
  long[][] run(long[][] inputs, int unsettledRows);
}
