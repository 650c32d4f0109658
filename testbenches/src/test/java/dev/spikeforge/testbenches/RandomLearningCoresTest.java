package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.image.MemoryImages;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.MemoryKind;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.DesireHardware;
import dev.spikeforge.golden.train.DesireLearningReference;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.hwgen.HwGen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Randomized learning configurations in Verilator (issue 11, item 5): families of desire learning
 * cores that differ in structure (sizes and depth, T, weight and shadow widths per layer, stochastic
 * rounding on or off, dropout on or off, the inter-layer delay, lanes, weight memories in block RAM or
 * SPRAM); within a family, networks differ in their initial weights, learning rate, epoch and sample
 * positions (hence dropout masks and rounding draws) and inputs. Every training sample of every network
 * must leave every shadow weight identical to the golden model's ({@link LearningVerifier}). One
 * simulator build serves a family.
 */
@Tag("sim")
class RandomLearningCoresTest {
  private static final Path WORK = Path.of("target", "sim", "RandomLearningCoresTest");
  private static final int NETWORKS = 7;
  private static final int SAMPLES = 12;

  /**
   * One hardware structure: every network of the family maps to the same learning core.
   *
   * @param shadowBits E per layer
   * @param roundingBits K (0: floored updates)
   */
  record Family(String name, int[] sizes, int timesteps, int weightBits, int membraneBits, int[] shadowBits,
      int roundingBits, double inputDropout, double hiddenDropout, int layerDelay, int lanes,
      MappingOptions.WeightMemory memory) {
    DesireConfig config(long seed, int rateExponent) {
      DesireParams p = new DesireParams(timesteps, 2, Math.min(2, timesteps - 1), 0.05, 0.3, inputDropout,
          hiddenDropout, Math.scalb(1.0, -rateExponent), 0.0, layerDelay);
      int[] q = DesireIntParams.defaults(sizes, weightBits, membraneBits).thresholdShifts();
      DesireIntParams ip = new DesireIntParams(weightBits, 0, membraneBits, 6, q, roundingBits, shadowBits);
      return DesireConfig.intForm(sizes, p, ip, seed);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Family> families() {
    MappingOptions.WeightMemory bram = MappingOptions.WeightMemory.BLOCK_RAM;
    return List.of(
        new Family("k16-dropout-d1", new int[] {16, 8, 4}, 8, 6, 12, new int[] {2, 4}, 16, 0.2, 0.3, 1, 4, bram),
        new Family("floor-no-dropout-d0", new int[] {12, 6, 3}, 6, 4, 10, new int[] {3, 3}, 0, 0, 0, 0, 2, bram),
        new Family("three-layers-d2", new int[] {10, 8, 6, 4}, 10, 5, 12, new int[] {1, 2, 3}, 8, 0, 0.25, 2, 3, bram),
        new Family("spram-b8", new int[] {24, 12, 4}, 12, 8, 16, new int[] {0, 8}, 16, 0.05, 0.4, 1, 2,
            MappingOptions.WeightMemory.SPRAM),
        new Family("sixteen-lanes", new int[] {20, 16, 5}, 16, 6, 12, new int[] {0, 0}, 16, 0.1, 0.2, 1, 16, bram),
        new Family("one-lane-k4", new int[] {8, 5, 3}, 5, 3, 8, new int[] {4, 0}, 4, 0.3, 0.3, 0, 1, bram),
        new Family("t33-k32-d3", new int[] {8, 4, 2}, 33, 6, 14, new int[] {2, 2}, 32, 0.1, 0.1, 3, 2, bram),
        new Family("wide-input", new int[] {64, 10, 10}, 8, 7, 14, new int[] {5, 1}, 12, 0.05, 0.4, 1, 5, bram));
  }

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilator();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void everyTrainingSampleLeavesTheWeightsOfTheGoldenModel(Family f) throws Exception {
    Path dir = WORK.resolve(f.name());
    HwCore core0 = null;
    Path verilog = null;
    int total = 0;
    long changedWords = 0;
    int droppedUnits = 0;
    for (int k = 0; k < NETWORKS; k++) {
      long seed = 1000L * f.name().hashCode() + k;
      DesireConfig config = f.config(seed, 4 + k);
      NetworkSpec net;
      try (TrainingEngine e = config.engine(1)) {
        net = e.intNetwork();
      }
      HwCore core = HwMapper.map(net, MappingOptions.lanes(f.lanes()).withWeightMemory(f.memory()), MemoryTarget.GENERIC,
          DesireHardware.learningSpec(config));
      if (core0 == null) {
        core0 = core;
        verilog = HwGen.generateCore(core, Files.createDirectories(dir.resolve("rtl"))).verilog();
        if (f.memory() == MappingOptions.WeightMemory.SPRAM) {
          assertEquals(MemoryKind.SPRAM, core.layers().get(0).feedforwardMemory());
        }
      } else {
        assertEquals(core0, core, "network " + k + " of family " + f + " maps to another core");
      }
      Path images = Files.createDirectories(dir.resolve("net" + k));
      for (Map.Entry<String, String> img : MemoryImages.build(net, core).entrySet()) {
        Path file = images.resolve(img.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, img.getValue());
      }
      int classes = f.sizes()[f.sizes().length - 1];
      List<LearningVerifier.Sample> samples = DesireLearningCoreTest.samples(SAMPLES, f.sizes()[0], f.timesteps(),
          classes, 0.15 + 0.05 * k, seed);
      try (DesireLearningReference ref = DesireLearningReference.of(config, core, net)) {
        java.math.BigInteger[][] before = new java.math.BigInteger[f.sizes().length - 1][];
        for (int l = 0; l < before.length; l++) {
          before[l] = ref.memoryWords(l);
        }
        LearningVerifier.Report r = LearningVerifier.verify(verilog, core, ref, samples,
            new LearningVerifier.Options(dir.resolve("sim"), k, 977L * k, images));
        assertTrue(r.passed(), "family " + f + ", network " + k + ": "
            + (r.firstMismatch() == null ? r.matching() + " of " + r.samples() : r.firstMismatch().describe()));
        total += r.matching();
        for (int l = 0; l < before.length; l++) {
          java.math.BigInteger[] after = ref.memoryWords(l);
          for (int a = 0; a < after.length; a++) {
            changedWords += after[a].equals(before[l][a]) ? 0 : 1;
          }
        }
        for (int grp = 0; grp < f.sizes().length - 1; grp++) {
          for (boolean kept : ref.kept(grp)) {
            droppedUnits += kept ? 0 : 1;
          }
        }
      }
    }
    System.out.println("RandomLearningCoresTest " + f + ": " + NETWORKS + " networks, " + total
        + " training samples bit-exact, " + changedWords + " weight words changed, " + droppedUnits
        + " units dropped in the last samples");
    // not vacuous: the networks learned, and dropout dropped units where the family has it
    assertTrue(changedWords > 0, "family " + f + ": no weight changed");
    assertEquals(f.inputDropout() > 0 || f.hiddenDropout() > 0, droppedUnits > 0,
        "family " + f + ": " + droppedUnits + " dropped units in the last samples");
  }
}
