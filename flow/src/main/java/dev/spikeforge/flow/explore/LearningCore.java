package dev.spikeforge.flow.explore;

import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.flow.FlowOptions;
import dev.spikeforge.boards.flow.ResourceEstimate;
import dev.spikeforge.boards.flow.SynthEstimator;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.flow.LearningSetup;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A learning point's core ({@code learning: "desire"}): the desire learning unit configured as
 * {@code compile --learning desire} configures it for the point's network (the training defaults read off
 * the network: {@link LearningSetup#desire}), mapped with it, and counted by Yosys. The estimator is fitted
 * to inference cores only, so a learning core's estimated LUT4, flip-flops and block RAMs are Yosys'
 * {@code synth_ice40} count of the core alone (before place and route, without the board top;
 * {@link SynthEstimator}); its logic cells and Fmax need nextpnr and stay unknown unless the point is built
 * for real ({@link RealRun}, which runs the bitstream flow with the learning board top).
 * The build is made in a temporary directory and removed.
 */
final class LearningCore {
  private LearningCore() {}

  /** The learning unit of {@code net}; throws {@link dev.spikeforge.flow.ConfigException} naming why it cannot learn. */
  static CompileConfig.Learning unit(NetworkSpec net, String dataset) {
    return LearningSetup.desire(net, null, dataset, null, null);
  }

  /** The learning core of {@code net} for {@code s}. */
  static HwCore map(NetworkSpec net, PointSettings s, CompileConfig.Learning unit) {
    return HwMapper.map(net, options(s), MemoryTarget.forBoard(s.board()), unit.spec());
  }

  static MappingOptions options(PointSettings s) {
    return new MappingOptions(s.lanes(), MappingOptions.AUTO, MappingOptions.WeightMemory.parse(s.weightMemory()));
  }

  /** Compiles the learning core of {@code net} for {@code s} and counts it with Yosys. */
  static ResourceEstimate synthesize(NetworkSpec net, PointSettings s, CompileConfig.Learning unit, Board board) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("spikeforge-learning-core");
      Path build = dir.resolve("build");
      Compiler.compile(net, new CompileConfig(options(s), s.board(), 1, 1).withLearning(unit), build);
      return SynthEstimator.run(build.resolve("rtl"), HwCore.TOP, board.part(), build, FlowOptions.defaults());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) {
        delete(dir);
      }
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
