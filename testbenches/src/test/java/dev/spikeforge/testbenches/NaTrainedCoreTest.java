package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.quantize.Calibration;
import dev.spikeforge.compiler.quantize.MembraneWidth;
import dev.spikeforge.compiler.quantize.QuantizationConfig;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Neighbourhood aggregation, end to end: a tiny network (6-12-3) is trained in float through the
 * registry and the one Trainer, quantized with a calibrated scale (8-bit weights, 16-bit membranes)
 * as {@code compile --scale calibrate} does, compiled unchanged, and the generated core is bit-exact
 * with the integer golden model in Verilator on every test sample (spikes and membranes of every
 * step, and the decision).
 */
@Tag("sim")
class NaTrainedCoreTest {
  private static final Path WORK = Path.of("target", "sim", "NaTrainedCoreTest");
  private static final DelayPatternTask TASK = new DelayPatternTask(new DelayPatternParams(3, 6, 24, 5, 0, 1, 7));

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilator();
  }

  @Test
  void trainedFloatNetworkQuantizedIsBitExactInVerilator() throws Exception {
    Dataset train = TASK.trainSet(120);
    Dataset test = TASK.testSet(24);
    LearningRule na = LearningRules.get("na");
    RuleConfig cfg = new RuleConfig(new int[] {6, 12, 3}, "delay-pattern", "float", 1, null, null, 2,
        RuleOptions.of(na, Map.of("--batch", 4, "--adam-lr", 0.01)));
    FloatNetwork fl;
    FloatNetwork untrained;
    try (TrainingEngine e = na.engine(cfg, train)) {
      untrained = e.floatNetwork();
      Trainer.run(e, train, test, new RateEncoder(), TrainOptions.of(2, 1), TrainListener.NONE);
      fl = e.floatNetwork();
    }
    assertFalse(Arrays.deepEquals(untrained.layers().get(0).weights(), fl.layers().get(0).weights()),
        "training changed nothing");
    QuantizationConfig qc = QuantizationConfig.of(8).withMembraneWidth(MembraneWidth.fixed(16));
    Calibration.Result cal = Calibration.calibrate(fl, qc, Calibration.DEFAULT_CANDIDATES, train.slice(0, 60),
        new RateEncoder(), 1);
    NetworkSpec net = cal.network();
    Path dir = WORK.resolve("build");
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
