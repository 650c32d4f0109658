package dev.spikeforge.flow;

import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.Boards;
import dev.spikeforge.boards.flow.CoreClock;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One build in progress: its config, directory, events and ledger, the datasets (loaded once), and
 * what earlier steps of the same run left in memory (a later step reads the files otherwise).
 */
final class BuildContext {
  final BuildConfig config;
  final Path out;
  final FlowEvents events;
  final StepLedger ledger;
  final Board board;
  final CoreClock clock;
  private Dataset train;
  private Dataset test;
  final Map<Step, Double> seconds = new EnumMap<>(Step.class);
  FloatNetwork floatNetwork;
  NetworkSpec network;

  BuildContext(BuildConfig config, FlowEvents events) {
    this.config = config;
    this.out = config.out();
    this.events = events;
    this.ledger = new StepLedger(out);
    this.board = Boards.byNameOrFile(config.hardware().board());
    this.clock = Clocks.coreClock(board, config.bitstream().freqMhz());
  }

  /** The training split. */
  Dataset train() {
    if (train == null) {
      train = DatasetCatalog.load(config.data().dataset(), Split.TRAIN, dataDir());
    }
    return train;
  }

  /** The test split, cut to {@link DataConfig#testLimit()}. */
  Dataset test() {
    if (test == null) {
      Dataset t = DatasetCatalog.load(config.data().dataset(), Split.TEST, dataDir());
      Integer limit = config.data().testLimit();
      test = t.slice(0, limit == null ? t.size() : Math.min(limit, t.size()));
    }
    return test;
  }

  private Path dataDir() {
    return config.data().dataDir() == null ? null : Path.of(config.data().dataDir());
  }

  /** Steps of this build that print a header: train, quantize, compile, and verify and bitstream if enabled. */
  int stepCount() {
    return 3 + (config.verify().enabled() ? 1 : 0) + (config.bitstream().enabled() ? 1 : 0);
  }

  /** The header number of the verify or bitstream step. */
  int number(Step s) {
    return switch (s) {
      case TRAIN -> 1;
      case QUANTIZE -> 2;
      case COMPILE -> 3;
      case VERIFY -> 4;
      case BITSTREAM -> config.verify().enabled() ? 5 : 4;
      case REPORT -> stepCount();
    };
  }

  /** The build's build directory (the compile step's output). */
  Path buildDir() {
    return out.resolve("build");
  }

  /** Runs {@code step}, recording its wall time; {@code body} says whether it was skipped. */
  <T> T timed(Step step, Supplier<Timed<T>> body) {
    long t0 = System.nanoTime();
    Timed<T> r = body.get();
    double seconds = (System.nanoTime() - t0) / 1e9;
    ledger.recordTime(step.id(), seconds, r.skipped());
    this.seconds.put(step, seconds);
    return r.value();
  }

  /** A step's value and whether the step was skipped. */
  record Timed<T>(T value, boolean skipped) {}
}
