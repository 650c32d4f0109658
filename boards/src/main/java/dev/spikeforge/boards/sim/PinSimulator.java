package dev.spikeforge.boards.sim;

import dev.spikeforge.simkit.SimulationException;
import java.nio.file.Path;

/**
 * Builds a {@link PinHarness} in a simulator (Verilator or Icarus, through the simulator kit's
 * runners) and starts sessions of it. The harness is the driver and monitor of the design's pins; a
 * test supplies the reference model (e.g. the host's UART twin) and checks the changes it reports.
 */
public interface PinSimulator {
  /** A built harness; every {@link #start()} launches a fresh simulation from power-on. */
  interface Build {
    PinSession start();
  }

  /** {@code verilator} or {@code icarus}. */
  String name();

  /**
   * Builds the harness in {@code workDir} (sources, build output, logs).
   *
   * @throws SimulationException if the build fails (Verilator: including any -Wall warning beyond the
   *                            firtool waivers; Icarus: any warning)
   */
  Build compile(PinHarness harness, Path workDir);

  /** {@code compile(harness, workDir).start()}. */
  default PinSession start(PinHarness harness, Path workDir) {
    return compile(harness, workDir).start();
  }
}
