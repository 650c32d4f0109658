package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * STDP, end to end: a tiny recurrent network (6-12-3, heterogeneous windows; recurrent delays 1, or
 * drawn from 1..3) learns by unsupervised STDP in the integer form through the registry and the one
 * Trainer, gets its readout on the spike counts, is compiled unchanged, and the generated core is
 * bit-exact with the golden model in Verilator on every test sample (spikes and membranes of every
 * step, and the decision).
 */
@Tag("sim")
class StdpTrainedCoreTest {
  private static final Path WORK = Path.of("target", "sim", "StdpTrainedCoreTest");
  private static final DelayPatternTask TASK = new DelayPatternTask(new DelayPatternParams(3, 6, 24, 5, 0, 1, 7));

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilator();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void trainedIntegerNetworkIsBitExactInVerilator(int maxDelay) throws Exception {
    Dataset train = TASK.trainSet(120);
    Dataset test = TASK.testSet(24);
    LearningRule stdp = LearningRules.get("stdp");
    Map<String, Object> o = Map.of("--lr-log2", new int[] {-4, -4}, "--heterogeneous", true, "--threshold-shift", 4,
        "--max-delay", maxDelay);
    RuleConfig cfg = new RuleConfig(new int[] {6, 12, 3}, "delay-pattern", "int", 1, 6, 12, 1,
        RuleOptions.of(stdp, o));
    NetworkSpec net;
    NetworkSpec untrained;
    try (TrainingEngine e = stdp.engine(cfg, train)) {
      untrained = e.intNetwork();
      Trainer.run(e, train, test, new RateEncoder(), TrainOptions.of(2, 1), TrainListener.NONE);
      net = e.intNetwork();
    }
    assertNotEquals(NetworkJson.contentHash(untrained), NetworkJson.contentHash(net), "training changed nothing");
    assertTrue(net.layers().get(0).isRecurrent());
    assertEquals(maxDelay > 1, net.layers().get(0).recurrentDelays() != null);
    assertTrue(java.util.Arrays.stream(net.layers().get(0).recurrentWeights()).flatMapToInt(java.util.Arrays::stream)
        .anyMatch(w -> w != 0), "the recurrent weights learned nothing");
    Path dir = WORK.resolve("delay" + maxDelay);
    Compiler.compile(net, new CompileConfig(MappingOptions.lanes(4), "generic", 1, 1), dir);
    BuildDirectory.Loaded b = BuildDirectory.load(dir);
    assertEquals(NetworkJson.contentHash(net), b.networkHash());
    List<StimulusFile.Sample> stim = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) {
      stim.add(new StimulusFile.Sample(test.id(i), test.raster(i)));
    }
    CoreVerifier.Report r = CoreVerifier.verify(b, stim,
        new CoreVerifier.Options(List.of(new VerilatorSimulator()), WORK.resolve("simcache"), 0, true));
    assertTrue(r.passed(), r.describeFailures());
    assertEquals(test.size(), r.results().get(0).matching());
  }
}
