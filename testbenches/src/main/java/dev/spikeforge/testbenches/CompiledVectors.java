package dev.spikeforge.testbenches;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A built vector harness of either simulator: each {@link #run} writes {@code inputs.hex} in the
 * work directory, runs the simulator's command (log in {@code run.log}) and reads {@code
 * outputs.hex}. Runs of one harness are serialized (they share the files).
 */
final class CompiledVectors implements CompiledHarness {
  /** The simulator's command line that reads vector file {@code in} and writes {@code out}. */
  @FunctionalInterface
  interface Command {
    List<String> of(Path in, Path out);
  }

  private final Simulator simulator;
  private final String tool;
  private final VectorHarness harness;
  private final Path dir;
  private final Duration timeout;
  private final Command command;

  /** {@code tool} names the simulator in messages ("Icarus", "Verilator"). */
  CompiledVectors(Simulator simulator, String tool, VectorHarness harness, Path dir, Duration timeout,
      Command command) {
    this.simulator = simulator;
    this.tool = tool;
    this.harness = harness;
    this.dir = dir;
    this.timeout = timeout;
    this.command = command;
  }

  @Override
  public VectorHarness harness() {
    return harness;
  }

  @Override
  public Simulator simulator() {
    return simulator;
  }

  @Override
  public Path workDir() {
    return dir;
  }

  @Override
  public synchronized long[][] run(long[][] inputs, int unsettledRows) {
    Path in = dir.resolve("inputs.hex");
    Path out = dir.resolve("outputs.hex");
    String what = tool + " run of " + harness.top();
    try {
      VectorFiles.write(in, harness.inputs(), inputs);
      Files.deleteIfExists(out);
      Processes.run(command.of(in, out), dir, dir.resolve("run.log"), timeout, what);
      return VectorFiles.read(out, harness.outputs(), inputs.length, unsettledRows, what);
    } catch (IOException e) {
      throw new UncheckedIOException("vector files of " + harness.top() + " in " + dir, e);
    }
  }
}
