package dev.spikeforge.testbenches;

import dev.spikeforge.hwgen.GeneratedModule;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The vector setup the LIF block tests share: one generated LIF module (LifNeuronUnit or
 * LifNeuronPipe) as a {@link VectorHarness}, its golden-model vectors ({@link LifVectors}), and the
 * harness compiled once in Verilator and once in Icarus (under {@code work/<name>-verilator},
 * {@code work/<name>-icarus}).
 */
final class LifBench {
  final VectorHarness harness;
  final LifVectors vectors;
  final CompiledHarness verilator;
  final CompiledHarness icarus;

  private LifBench(VectorHarness harness, CompiledHarness verilator, CompiledHarness icarus) {
    this.harness = harness;
    this.vectors = new LifVectors(harness);
    this.verilator = verilator;
    this.icarus = icarus;
  }

  /** Compiles {@code module}'s harness in both simulators; needs Verilator and Icarus installed. */
  static LifBench compile(GeneratedModule module, Path work, String name) {
    VectorHarness h = VectorHarness.of(module);
    return new LifBench(h, new VerilatorSimulator().compile(h, work.resolve(name + "-verilator")),
        new IcarusSimulator().compile(h, work.resolve(name + "-icarus")));
  }

  /** The compiled harness of {@code simulator}: "verilator" or "icarus". */
  CompiledHarness compiled(String simulator) {
    return switch (simulator) {
      case "verilator" -> verilator;
      case "icarus" -> icarus;
      default -> throw new IllegalArgumentException("unknown simulator '" + simulator + "'");
    };
  }

  /** Test arguments: each simulator name with each threshold. */
  static Stream<Arguments> simulatorsAndThresholds(long... thresholds) {
    return Stream.of("verilator", "icarus")
        .flatMap(sim -> Arrays.stream(thresholds).mapToObj(t -> Arguments.of(sim, t)));
  }
}
