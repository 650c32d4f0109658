package dev.spikeforge.simkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A {@link Bench} compiled by a {@link Runner}: runs any number of times, each from power-on. */
public interface Build {
  /** The runner that built it. */
  Runner runner();

  /** The work directory of the build. */
  Path dir();

  /** The command line of one simulation with harness arguments {@code args}. */
  List<String> command(List<String> args);

  /**
   * Runs one simulation in {@code runDir} to its end, output in {@code log}.
   *
   * @param what what runs, for messages ("lif_8_8" gives "Verilator run of lif_8_8")
   * @return the log's text
   * @throws SimulationException if the simulation fails, cannot start or outlives {@code timeout}
   */
  default String run(List<String> args, Path runDir, Path log, Duration timeout, String what) {
    return ProcessRunner.runChecked(command(args), runDir, log, timeout, runner().title() + " run of " + what).logText();
  }

  /**
   * Starts one simulation in {@link #dir()} that talks on its stdin and stdout (stderr in
   * {@code stderrLog}); the caller ends it.
   */
  default Process start(List<String> args, Path stderrLog, String what) {
    return ProcessRunner.start(command(args), dir(), stderrLog, runner().title() + " run of " + what);
  }
}
