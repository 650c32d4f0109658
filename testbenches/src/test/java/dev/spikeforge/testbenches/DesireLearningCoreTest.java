package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.image.MemoryImages;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.FashionMnist;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.spec.hw.MemoryRole;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.DesireHardware;
import dev.spikeforge.golden.train.DesireLearningReference;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.hwgen.HwGen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The desire learning core learns bit-exactly: after every training sample every shadow weight in the
 * RTL equals the golden model's (docs/hardware.md §7, issue 11).
 */
@Tag("sim")
class DesireLearningCoreTest {
  private static final Path WORK = Path.of("target", "sim", "DesireLearningCoreTest");

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilator();
  }

  static List<LearningVerifier.Sample> samples(int n, int channels, int steps, int classes, double rate, long seed) {
    Random r = new Random(seed);
    List<LearningVerifier.Sample> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      boolean[][] s = new boolean[steps][channels];
      for (boolean[] step : s) {
        for (int i = 0; i < channels; i++) {
          step[i] = r.nextDouble() < rate;
        }
      }
      out.add(new LearningVerifier.Sample(SpikeRaster.ofDense(s), r.nextInt(classes)));
    }
    return out;
  }

  static LearningVerifier.Report run(String name, DesireConfig config, int lanes, int samples, long seed)
      throws Exception {
    NetworkSpec net;
    try (TrainingEngine e = config.engine(1)) {
      net = e.intNetwork();
    }
    HwCore core = HwMapper.map(net, MappingOptions.lanes(lanes), MemoryTarget.GENERIC,
        DesireHardware.learningSpec(config));
    Path dir = Files.createDirectories(WORK.resolve(name));
    Path verilog = HwGen.generateCore(core, dir.resolve("rtl")).verilog();
    for (Map.Entry<String, String> img : MemoryImages.build(net, core).entrySet()) {
      Path f = dir.resolve(img.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, img.getValue());
    }
    try (DesireLearningReference ref = DesireLearningReference.of(config, core, net)) {
      return LearningVerifier.verify(verilog, core, ref,
          samples(samples, config.sizes()[0], config.params().timesteps(), config.sizes()[config.sizes().length - 1],
              0.3, seed), new LearningVerifier.Options(dir.resolve("sim"), 0, 0, dir));
    }
  }

  /**
   * A trained network keeps learning bit-exactly: a 784-32-10 core with the recommended hardware
   * configuration (B = 8, E = (0, 8), K = 16, the Fashion-MNIST dropout, T = 20, rate 2^−13) is first trained
   * by the golden model on 2,000 Fashion-MNIST images (above chance, most weights moved; not a converged
   * network: that takes epochs); the RTL starts from those shadow weights and learns the
   * next 20 images, every weight identical to the golden model's after each.
   */
  @Test
  void trainedFashionNetworkKeepsLearningBitExactly() throws Exception {
    int[] sizes = {784, 32, 10};
    DesireParams fashion = DesireParams.fashionMnist();
    DesireParams p = new DesireParams(fashion.timesteps(), fashion.leakShift(), fashion.errorMargin(),
        fashion.hiddenDesireThreshold(), fashion.outputDesireThreshold(), fashion.inputDropout(),
        fashion.hiddenDropout(), Math.scalb(1.0, -13), 0.0, fashion.layerDelay());
    int[] q = DesireIntParams.defaults(sizes, 8).thresholdShifts();
    DesireConfig config = DesireConfig.intForm(sizes, p, new DesireIntParams(8, 0, 16, 6, q, 16, new int[] {0, 8}), 3);
    NetworkSpec net;
    try (TrainingEngine e = config.engine(1)) {
      net = e.intNetwork();
    }
    HwCore core = HwMapper.map(net, MappingOptions.lanes(8), MemoryTarget.GENERIC, DesireHardware.learningSpec(config));
    Path dir = Files.createDirectories(WORK.resolve("trained-fashion"));
    Dataset train = FashionMnist.load(Split.TRAIN).slice(0, 2020);
    RateEncoder enc = new RateEncoder();
    int pretrain = 2000;
    try (DesireLearningReference ref = DesireLearningReference.of(config, core, net)) {
      int correct = 0;
      for (int i = 0; i < pretrain; i++) {
        ref.train(train.encode(i, enc, p.timesteps()), train.label(i), 0, i);
        correct += i >= pretrain - 500 && ref.lastOutcome().correct() ? 1 : 0;
      }
      // trained, not the initial weights: above chance (10 %) over the last 500 training samples, and most
      // first-layer shadow weights moved
      assertTrue(correct > 60, "golden training accuracy " + correct + " / 500");
      int[][] now = ref.shadows(0);
      int moved = 0;
      for (int j = 0; j < now.length; j++) {
        for (int i = 0; i < now[j].length; i++) {
          moved += now[j][i] != net.layers().get(0).weights()[j][i] ? 1 : 0;
        }
      }
      assertTrue(moved > now.length * now[0].length / 4, moved + " first-layer shadow weights moved");
      for (Map.Entry<String, String> img : MemoryImages.build(net, core).entrySet()) {
        Path f = dir.resolve(img.getKey());
        Files.createDirectories(f.getParent());
        Files.writeString(f, img.getValue());
      }
      for (int l = 0; l < sizes.length - 1; l++) {
        Files.writeString(dir.resolve(core.memory(l, MemoryRole.FEEDFORWARD).file()), ref.memoryImage(l));
      }
      List<LearningVerifier.Sample> next = new ArrayList<>();
      for (int i = pretrain; i < train.size(); i++) {
        next.add(new LearningVerifier.Sample(train.encode(i, enc, p.timesteps()), train.label(i)));
      }
      Path verilog = HwGen.generateCore(core, dir.resolve("rtl")).verilog();
      LearningVerifier.Report r = LearningVerifier.verify(verilog, core, ref, next,
          new LearningVerifier.Options(dir.resolve("sim"), 0, pretrain, dir));
      System.out.printf(java.util.Locale.ROOT, "DesireLearningCoreTest: trained 784-32-10 (%d/500 correct in golden"
          + " training), %d/%d RTL samples bit-exact, %.0f clocks per sample, %.1f s%n", correct, r.matching(),
          r.samples(), r.cycles() / (double) r.samples(), r.seconds());
      assertTrue(r.passed(), r.firstMismatch() == null ? "" : r.firstMismatch().describe());
    }
  }

  /**
   * A learning core's inference path: its build directory (`compile --learning desire`) runs inference
   * samples (no training command) through the ordinary stream harness, bit-exact with the golden model
   * of its network in Verilator and Icarus, with the training and readback ports held idle.
   */
  @Test
  void learningBuildRunsInferenceSamplesBitExactlyInBothSimulators() throws Exception {
    SimTools.requireVerilatorAndIcarus();
    int[] sizes = {16, 8, 4};
    DesireParams p = new DesireParams(8, 2, 2, 0.05, 0.3, 0.2, 0.3, Math.scalb(1.0, -6), 0.0, 1);
    int[] q = DesireIntParams.defaults(sizes, 6, 12).thresholdShifts();
    DesireConfig config = DesireConfig.intForm(sizes, p, new DesireIntParams(6, 0, 12, 6, q, 16, new int[] {2, 4}), 5);
    NetworkSpec net;
    try (TrainingEngine e = config.engine(1)) {
      net = e.intNetwork();
    }
    Path dir = WORK.resolve("inference-build");
    com.fasterxml.jackson.databind.JsonNode run = new com.fasterxml.jackson.databind.ObjectMapper()
        .valueToTree(DesireHardware.describe(config));
    dev.spikeforge.compiler.build.Compiler.compile(net, new dev.spikeforge.compiler.build.CompileConfig(
        MappingOptions.lanes(4), "generic", 1, 1).withLearning(new dev.spikeforge.compiler.build.CompileConfig.Learning(
            DesireHardware.learningSpec(config), run)), dir);
    dev.spikeforge.compiler.build.BuildDirectory.Loaded b = dev.spikeforge.compiler.build.BuildDirectory.load(dir);
    assertTrue(b.core().learns());
    List<dev.spikeforge.compiler.build.StimulusFile.Sample> stim = new ArrayList<>();
    int id = 0;
    for (LearningVerifier.Sample x : samples(12, 16, 8, 4, 0.3, 9)) {
      stim.add(new dev.spikeforge.compiler.build.StimulusFile.Sample(id++, x.input()));
    }
    CoreVerifier.Report r = CoreVerifier.verify(b, stim, new CoreVerifier.Options(
        List.of(new VerilatorSimulator(), new IcarusSimulator()), WORK.resolve("inference-sim"), 0, true));
    assertTrue(r.passed(), r.describeFailures());
    for (CoreVerifier.SimulatorResult v : r.results()) {
      assertEquals(12, v.matching(), v.simulator());
    }
  }

  @Test
  void smallNetworkWithDropoutAndStochasticRoundingLearnsBitExactly() throws Exception {
    int[] sizes = {16, 8, 4};
    DesireParams p = new DesireParams(8, 2, 2, 0.05, 0.3, 0.2, 0.3, Math.scalb(1.0, -6), 0.0, 1);
    int[] q = DesireIntParams.defaults(sizes, 6, 12).thresholdShifts();
    DesireIntParams ip = new DesireIntParams(6, 0, 12, 6, q, 16, new int[] {2, 4});
    LearningVerifier.Report r = run("small", DesireConfig.intForm(sizes, p, ip, 7), 4, 20, 11);
    System.out.println("DesireLearningCoreTest: " + r.matching() + "/" + r.samples() + " samples, " + r.cycles()
        + " clocks");
    assertTrue(r.passed(), r.firstMismatch() == null ? "" : r.firstMismatch().describe());
  }
}
