package dev.spikeforge.testbenches;

import dev.spikeforge.simkit.Build;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A built vector harness of either simulator. The harness is the driver (it applies one input row
 * per vector) and the monitor (it samples the outputs after the design settles); each {@link #run}
 * writes {@code inputs.hex} in the work directory, runs the kit's build (log in {@code run.log}) and
 * reads {@code outputs.hex}. The reference model and the checker are the caller's ({@link
 * VectorComparison}). Runs of one harness are serialized (they share the files).
 */
final class CompiledVectors implements CompiledHarness {
  /** The harness arguments that make it read vector file {@code in} and write {@code out}. */
  @FunctionalInterface
  interface Arguments {
    List<String> of(Path in, Path out);
  }

  private final Simulator simulator;
  private final VectorHarness harness;
  private final Build build;
  private final Duration timeout;
  private final Arguments arguments;

  CompiledVectors(Simulator simulator, VectorHarness harness, Build build, Duration timeout, Arguments arguments) {
    this.simulator = simulator;
    this.harness = harness;
    this.build = build;
    this.timeout = timeout;
    this.arguments = arguments;
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
    return build.dir();
  }

  @Override
  public synchronized long[][] run(long[][] inputs, int unsettledRows) {
    Path dir = build.dir();
    Path in = dir.resolve("inputs.hex");
    Path out = dir.resolve("outputs.hex");
    try {
      VectorFiles.write(in, harness.inputs(), inputs);
      Files.deleteIfExists(out);
      build.run(arguments.of(in, out), dir, dir.resolve("run.log"), timeout, harness.top());
      return VectorFiles.read(out, harness.outputs(), inputs.length, unsettledRows,
          build.runner().title() + " run of " + harness.top());
    } catch (IOException e) {
      throw new UncheckedIOException("vector files of " + harness.top() + " in " + dir, e);
    }
  }
}
