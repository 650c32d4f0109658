package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.spikeforge.golden.data.FashionMnist;
import dev.spikeforge.golden.data.LatencyEncoder;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.MemoryKind;
import dev.spikeforge.golden.spec.hw.MemoryRole;
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
import org.junit.jupiter.api.Test;

/**
 * The iCEBreaker's operating point of issue 13 in CI: a 784-128-10 network trained by neighbourhood
 * aggregation on Fashion-MNIST with the chosen encoding ({@code latency:min=64}, T = 10), quantized to
 * 4-bit weights and 12-bit membranes with a calibrated scale, compiled for the iCEBreaker at 8 lanes
 * (fc1's weights in SPRAM behind the load port, as the bitstream build maps them), and bit-exact with
 * the integer golden model on 200 test images in Verilator and 20 in Icarus (every step's spikes and
 * membranes, the decision), with the cycle model equal to Verilator's clocks on every image; the Icarus run
 * with random stalls on the stream handshakes (stall seed 7).
 *
 * <p>CI has no pre-trained files, so the network is trained here: one pass over 3,000 training images
 * (seed 1, a few seconds); the fully trained network's 10,000-image run is in docs/benchmarks.md
 * ("NA on the chosen encoding").
 */
@Tag("sim")
class IcebreakerFashionCoreTest {
  private static final Path WORK = Path.of("target", "sim", "IcebreakerFashionCoreTest");
  private static final int VERILATOR_IMAGES = 200;
  private static final int ICARUS_IMAGES = 20;
  private static final int STEPS = 10;
  private static final int LANES = 8;

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  @Test
  void naLatencyCoreAtEightLanesIsBitExactOn200TestImages() throws Exception {
    Dataset train = FashionMnist.load(Split.TRAIN);
    Dataset test = FashionMnist.load(Split.TEST).slice(0, VERILATOR_IMAGES);
    SpikeEncoder encoder = new LatencyEncoder(64);
    LearningRule na = LearningRules.get("na");
    RuleConfig cfg = new RuleConfig(new int[] {784, 128, 10}, "fashion-mnist", "float", 1, null, null, 2,
        RuleOptions.of(na, Map.of("--timesteps", STEPS)));
    FloatNetwork fl;
    try (TrainingEngine e = na.engine(cfg, train)) {
      Trainer.run(e, train.slice(0, 3000), test.slice(0, 50), encoder, TrainOptions.of(1, 1), TrainListener.NONE);
      fl = e.floatNetwork().withEncoder(EncoderSpec.parse("latency:min=64")); // as train records it
    }
    QuantizationConfig qc = QuantizationConfig.of(4).withMembraneWidth(MembraneWidth.fixed(12));
    Calibration.Result cal = Calibration.calibrate(fl, qc, Calibration.DEFAULT_CANDIDATES,
        train.slice(train.size() - 500, train.size()), encoder, 2);
    NetworkSpec net = cal.network();
    assertEquals(STEPS, net.timesteps());
    assertEquals(EncoderSpec.parse("latency:min=64"), net.encoder(), "the board encodes with the network's encoder");
    assertEquals(4, net.layers().get(0).weightWidth());
    assertEquals(12, net.layers().get(0).neuron().membraneWidth());
    double acc = Evaluator.evaluate(net, test, encoder, 2, null).accuracy();
    assertTrue(acc > 0.6, "quantized accuracy " + acc + "\n" + cal.describe());

    Path dir = WORK.resolve("build");
    Compiler.compile(net, new CompileConfig(MappingOptions.lanes(LANES), "icebreaker", 1, 1), dir);
    BuildDirectory.Loaded b = BuildDirectory.load(dir);
    assertEquals(NetworkJson.contentHash(net), b.networkHash());
    // fc1's weights in SPRAM behind the load port, as the bitstream build maps them
    assertEquals(MemoryKind.SPRAM, b.core().memory(0, MemoryRole.FEEDFORWARD).kind());
    List<StimulusFile.Sample> stim = new ArrayList<>();
    for (int i = 0; i < VERILATOR_IMAGES; i++) {
      stim.add(new StimulusFile.Sample(test.id(i), test.encode(i, encoder, STEPS)));
    }

    CoreVerifier.Report r = CoreVerifier.verify(b, stim,
        new CoreVerifier.Options(List.of(new VerilatorSimulator()), WORK.resolve("simcache"), 0, true));
    assertTrue(r.passed(), r.describeFailures());
    assertEquals(VERILATOR_IMAGES, r.results().get(0).matching());
    CycleModelCheck.Outcome cycles = CycleModelCheck.check(b, stim, r, 0);
    assertTrue(cycles.differences().isEmpty(), String.join("\n", cycles.differences()));
    assertEquals(VERILATOR_IMAGES, cycles.samplesCompared());

    CoreVerifier.Report ri = CoreVerifier.verify(b, stim.subList(0, ICARUS_IMAGES),
        new CoreVerifier.Options(List.of(new IcarusSimulator()), WORK.resolve("simcache"), 7, true));
    assertTrue(ri.passed(), ri.describeFailures());
    assertEquals(ICARUS_IMAGES, ri.results().get(0).matching());
    System.out.printf(java.util.Locale.ROOT, "IcebreakerFashionCoreTest: integer accuracy %.2f %% on %d images, %s;"
        + " %d + %d images bit-exact (Verilator + Icarus)%n", 100 * acc, VERILATOR_IMAGES, cal.chosen(),
        VERILATOR_IMAGES, ICARUS_IMAGES);
  }
}
