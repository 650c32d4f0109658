package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternParams;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.golden.train.rules.LearningRule;
import dev.spikeforge.golden.train.rules.LearningRules;
import dev.spikeforge.golden.train.rules.RuleConfig;
import dev.spikeforge.golden.train.rules.RuleOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the trained-core tests of the OTTT, STDP and NA rules share: a tiny network (6-12-3) trained
 * on a small delay task (3 classes, 6 channels, T = 24; 120 training and 24 test samples) through the
 * registry and the one Trainer (2 epochs, seed 1), and the check that the compiled core of a network
 * is bit-exact with the golden model in Verilator on every test sample (spikes and membranes of
 * every step, and the decision).
 */
final class TrainedCoreFixture {
  private static final DelayPatternTask TASK = new DelayPatternTask(new DelayPatternParams(3, 6, 24, 5, 0, 1, 7));
  static final Dataset TRAIN = TASK.trainSet(120);
  static final Dataset TEST = TASK.testSet(24);

  private TrainedCoreFixture() {}

  /** The networks of an engine before and after training (the integer ones null in a float-only rule). */
  record Trained(NetworkSpec untrainedInt, NetworkSpec intNetwork, FloatNetwork untrainedFloat,
      FloatNetwork floatNetwork) {}

  /**
   * Trains {@code rule} on 6-12-3 with seed 1.
   *
   * @param weightBits forward weight width, or null for the default
   * @param membraneBits membrane width, or null for the default
   */
  static Trained train(String rule, String precision, Integer weightBits, Integer membraneBits, int threads,
      Map<String, Object> options) throws Exception {
    LearningRule r = LearningRules.get(rule);
    RuleConfig cfg = new RuleConfig(new int[] {6, 12, 3}, "delay-pattern", precision, 1, weightBits, membraneBits,
        threads, RuleOptions.of(r, options));
    try (TrainingEngine e = r.engine(cfg, TRAIN)) {
      NetworkSpec untrainedInt = e.intNetwork();
      FloatNetwork untrainedFloat = e.floatNetwork();
      Trainer.run(e, TRAIN, TEST, new RateEncoder(), TrainOptions.of(2, 1), TrainListener.NONE);
      return new Trained(untrainedInt, e.intNetwork(), untrainedFloat, e.floatNetwork());
    }
  }

  /** Some recurrent weight of {@code net}'s first layer is not 0. */
  static void assertRecurrentWeightsLearned(NetworkSpec net) {
    assertTrue(Arrays.stream(net.layers().get(0).recurrentWeights()).flatMapToInt(Arrays::stream).anyMatch(w -> w != 0),
        "the recurrent weights learned nothing");
  }

  /** Compiles {@code net} (4 lanes) into {@code dir} and verifies the core in Verilator on every test sample. */
  static void assertBitExactInVerilator(NetworkSpec net, Path dir) throws Exception {
    Compiler.compile(net, new CompileConfig(MappingOptions.lanes(4), "generic", 1, 1), dir);
    BuildDirectory.Loaded b = BuildDirectory.load(dir);
    assertEquals(NetworkJson.contentHash(net), b.networkHash());
    List<StimulusFile.Sample> stim = new ArrayList<>();
    for (int i = 0; i < TEST.size(); i++) {
      stim.add(new StimulusFile.Sample(TEST.id(i), TEST.raster(i)));
    }
    CoreVerifier.Report r = CoreVerifier.verify(b, stim,
        new CoreVerifier.Options(List.of(new VerilatorSimulator()), dir.resolveSibling("simcache"), 0, true));
    assertTrue(r.passed(), r.describeFailures());
    assertEquals(TEST.size(), r.results().get(0).matching());
  }
}
