package dev.spikeforge.boards.flow;

import dev.spikeforge.simkit.ProcessRunner;
import dev.spikeforge.simkit.SimulationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The simulator kit's {@link ProcessRunner} for the flow's tools (yosys, nextpnr, icepack): the same
 * runs, logs and timeouts as the simulators get, with a failure reported as the flow's
 * {@link FlowException} carrying the kit's message (the command, the exit code or timeout, and the
 * last 40 lines of the tool's log; before the kit, the flow's own runner showed 30).
 */
final class FlowProcesses {
  private FlowProcesses() {}

  /** {@link ProcessRunner#run}: a start failure or a timeout is a {@link FlowException}. */
  static ProcessRunner.Outcome run(List<String> command, Path dir, Path log, Duration timeout, String what) {
    try {
      return ProcessRunner.run(command, dir, log, timeout, what);
    } catch (SimulationException e) {
      throw new FlowException(e.getMessage(), e);
    }
  }

  /** {@link ProcessRunner#runChecked}: a non-zero exit code is a {@link FlowException} too. */
  static ProcessRunner.Outcome runChecked(List<String> command, Path dir, Path log, Duration timeout, String what) {
    try {
      return ProcessRunner.runChecked(command, dir, log, timeout, what);
    } catch (SimulationException e) {
      throw new FlowException(e.getMessage(), e);
    }
  }
}
