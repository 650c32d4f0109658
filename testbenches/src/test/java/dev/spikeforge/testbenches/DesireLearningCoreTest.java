package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.image.MemoryImages;
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
import java.math.BigInteger;
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

  /** The golden reference seen through the learning core's memories. */
  static LearningReference adapt(DesireLearningReference ref) {
    return new LearningReference() {
      @Override
      public int[] train(SpikeRaster input, int label, int epoch, long position) {
        ref.train(input, label, epoch, position);
        return ref.counts();
      }

      @Override
      public BigInteger[] memoryWords(int layer) {
        return ref.memoryWords(layer);
      }

      @Override
      public int dropoutState(int epoch, long position) {
        return ref.dropoutState(epoch, position);
      }

      @Override
      public int roundingState(int layer, int epoch, long position) {
        return ref.roundingState(layer, epoch, position);
      }

      @Override
      public int rateExponent(int epoch) {
        return ref.rateExponent(epoch);
      }
    };
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
      return LearningVerifier.verify(verilog, core, adapt(ref),
          samples(samples, config.sizes()[0], config.params().timesteps(), config.sizes()[config.sizes().length - 1],
              0.3, seed), new LearningVerifier.Options(dir.resolve("sim"), 0, 0, dir));
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
