package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.compiler.cycles.CycleSummary;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.quantize.Calibration;
import dev.spikeforge.compiler.quantize.MembraneWidth;
import dev.spikeforge.compiler.quantize.QuantizationConfig;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.FashionMnist;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.TrainingEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A trained 784-128-10 network with 4-bit weights, bit-exact in Verilator on 200 Fashion-MNIST test
 * images. CI has no pre-trained files, so the test trains one deterministically: desire
 * backpropagation, float form, 4,000 training images (one pass, seed 1, a few seconds), then the
 * compiler's 4-bit quantization with scale calibration on 500 other training images — the path a
 * user takes ({@code spikeforge train}, {@code spikeforge compile --weight-width 4 --scale calibrate}).
 * Trained weights differ from the seeded random ones of the other RTL tests: wide, skewed weight
 * distributions, neurons that fire often and saturating spike counts. The same run checks the cycle
 * model ({@code CycleModel}): every image's clocks equal the model's. The 10,000-image run of the
 * fully trained network is {@code bench/run-fashion-rtl-check.sh} (docs/benchmarks.md).
 */
@Tag("sim")
class TrainedFashionCoreTest {
  private static final Path WORK = Path.of("target", "sim", "TrainedFashionCoreTest");
  private static final int IMAGES = 200;

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilator();
  }

  @Test
  void trainedFourBitNetworkIsBitExactOn200TestImages() throws Exception {
    long t0 = System.nanoTime();
    Dataset train = FashionMnist.load(Split.TRAIN);
    Dataset test = FashionMnist.load(Split.TEST).slice(0, IMAGES);
    FloatNetwork fl;
    try (TrainingEngine engine = DesireConfig.floatForm(new int[] {784, 128, 10}, DesireParams.fashionMnist(), 1)
        .engine(2)) {
      Trainer.run(engine, train.slice(0, 4000), test.slice(0, 50), new RateEncoder(), TrainOptions.of(1, 1),
          TrainListener.NONE);
      fl = engine.floatNetwork();
    }
    QuantizationConfig qc = QuantizationConfig.of(4).withMembraneWidth(MembraneWidth.fixed(16));
    Calibration.Result cal = Calibration.calibrate(fl, qc, Calibration.DEFAULT_CANDIDATES,
        train.slice(train.size() - 500, train.size()), new RateEncoder(), 2);
    NetworkSpec net = cal.network();
    long t1 = System.nanoTime();
    assertEquals(4, net.layers().get(0).weightWidth());
    // Trained, not random: well above chance (10 %) on the test images.
    double acc = Evaluator.evaluate(net, test, new RateEncoder(), 2, null).accuracy();
    assertTrue(acc > 0.5, "quantized accuracy " + acc + "\n" + cal.describe());

    long t2 = System.nanoTime();
    Path dir = WORK.resolve("build");
    Compiler.compile(net, new CompileConfig(MappingOptions.lanes(16), "generic", 1, 1), dir);
    BuildDirectory.Loaded b = BuildDirectory.load(dir);
    assertEquals(NetworkJson.contentHash(net), b.networkHash());
    List<StimulusFile.Sample> stim = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      stim.add(new StimulusFile.Sample(test.id(i), test.encode(i, new RateEncoder(), net.timesteps())));
    }
    long v0 = System.nanoTime();
    CoreVerifier.Report r = CoreVerifier.verify(b, stim,
        new CoreVerifier.Options(List.of(new VerilatorSimulator()), WORK.resolve("simcache"), 0, true));
    long verifyNanos = System.nanoTime() - v0;
    CoreVerifier.SimulatorResult v = r.results().get(0);
    // the cycle model on the same run: every image's clocks exactly
    CycleModelCheck.Outcome cycles = CycleModelCheck.check(b, stim, r, 0);
    CycleSummary summary = CycleSummary.of(cycles.model());
    System.out.printf(java.util.Locale.ROOT, "TrainedFashionCoreTest: cycle model %.1f µs CPU per image (golden traces %.0f"
        + " µs CPU; verify %.0f µs wall per image); latency mean %.1f, min %d, max %d clocks; %.1f clocks per image"
        + " streamed%n",
        cycles.modelNanos() / 1e3 / IMAGES, cycles.goldenNanos() / 1e3 / IMAGES, verifyNanos / 1e3 / IMAGES,
        summary.meanLatency(), summary.minLatency(),
        summary.maxLatency(), summary.meanPeriod());
    System.out.printf(java.util.Locale.ROOT, "TrainedFashionCoreTest: train + calibrate %.1f s, accuracy %.1f s, compile +"
        + " verify %.1f s; integer accuracy %.2f %% on %d images, %s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9,
        (System.nanoTime() - t2) / 1e9, 100 * acc, IMAGES, cal.chosen());
    assertTrue(r.passed(), r.describeFailures());
    assertEquals(IMAGES, v.samples());
    assertEquals(IMAGES, v.matching());
    assertTrue(cycles.differences().isEmpty(), String.join("\n", cycles.differences()));
    assertEquals(IMAGES, cycles.samplesCompared());
  }
}
