package dev.spikeforge.testbenches;

import dev.spikeforge.golden.sim.LearningReference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.DesireHardware;
import dev.spikeforge.golden.train.DesireLearningReference;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.hwgen.HwGen;
import dev.spikeforge.testbenches.LearningVerifier.Mismatch;
import dev.spikeforge.testbenches.LearningVerifier.Sim;
import dev.spikeforge.testbenches.LearningVerifier.SimulatorReport;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Learning verification in Icarus (docs/hardware.md §6–7, issue 11): the learning core learns
 * bit-exactly in the Icarus testbench ({@code icarus_learn_tb.v}), which reads the same script and
 * writes the same log as the Verilator harness; a wrong expectation is caught in both simulators, each
 * reporting the same sample, layer, synapse and bits, with a VCD of the run up to that sample.
 */
@Tag("sim")
class IcarusLearningCoreTest {
  private static final Path WORK = Path.of("target", "sim", "IcarusLearningCoreTest");

  /** The 16-8-4 core with dropout, D = 1, per-layer shadow bits and stochastic rounding. */
  private static Fixture small;

  /** A learning core, its images and the configuration its golden model is made from. */
  record Fixture(DesireConfig config, NetworkSpec net, HwCore core, Path dir, Path verilog) {
    DesireLearningReference reference() {
      return DesireLearningReference.of(config, core, net);
    }

    LearningVerifier.Options options(String run) {
      return new LearningVerifier.Options(dir.resolve("sim"), 0, 0, dir).withReportDir(dir.resolve("reports-" + run));
    }
  }

  /** A golden reference that answers as {@code good} does; a test overrides what it gets wrong. */
  private static class Forwarding implements LearningReference {
    final LearningReference good;

    Forwarding(LearningReference good) {
      this.good = good;
    }

    @Override
    public int[] learn(SpikeRaster input, int label, int epoch, long position) {
      return good.learn(input, label, epoch, position);
    }

    @Override
    public BigInteger[] memoryWords(int layer) {
      return good.memoryWords(layer);
    }

    @Override
    public BigInteger[] delayWords(int layer) {
      return good.delayWords(layer);
    }

    @Override
    public int dropoutState(int epoch, long position) {
      return good.dropoutState(epoch, position);
    }

    @Override
    public int roundingState(int layer, int epoch, long position) {
      return good.roundingState(layer, epoch, position);
    }

    @Override
    public int rateExponent(int epoch) {
      return good.rateExponent(epoch);
    }
  }

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  static Fixture build(String name, DesireConfig config, int lanes) throws Exception {
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
    return new Fixture(config, net, core, dir, verilog);
  }

  @BeforeAll
  static void smallCore() throws Exception {
    if (!SimTools.verilatorAndIcarusInstalled()) {
      return;
    }
    int[] sizes = {16, 8, 4};
    DesireParams p = new DesireParams(8, 2, 2, 0.05, 0.3, 0.2, 0.3, Math.scalb(1.0, -6), 0.0, 1);
    int[] q = DesireIntParams.defaults(sizes, 6, 12).thresholdShifts();
    DesireIntParams ip = new DesireIntParams(6, 0, 12, 6, q, 16, new int[] {2, 4});
    small = build("small", DesireConfig.intForm(sizes, p, ip, 7), 4);
  }

  private static List<LearningVerifier.Sample> samples(Fixture f, int n, long seed) {
    int[] sizes = f.config().sizes();
    return DesireLearningCoreTest.samples(n, sizes[0], f.config().params().timesteps(), sizes[sizes.length - 1], 0.3,
        seed);
  }

  /**
   * A reference that names learned axonal delays (what a three-factor core learns, docs/hardware.md §7.2) has
   * them read back through the peek port after every sample and compared: this desire core's peek reads 0 for its
   * axonal memory (layer 1, D = 1), so words expected 0 match, and a 1 expected in word 2 from sample 1 on is
   * caught there, named as the axonal shadow delay of input 2.
   */
  @Test
  void axonalDelayWordsAreReadBackAndCompared() throws Exception {
    LearningVerifier.Report r;
    int inputs = small.core().layers().get(1).inputSize();
    try (DesireLearningReference ref = small.reference()) {
      LearningReference good = ref;
      int[] trained = {0};
      LearningReference withDelays = new Forwarding(good) {
        @Override
        public int[] learn(SpikeRaster input, int label, int epoch, long position) {
          trained[0]++;
          return good.learn(input, label, epoch, position);
        }

        @Override
        public BigInteger[] delayWords(int layer) {
          if (layer != 1) {
            return null;
          }
          BigInteger[] w = new BigInteger[inputs];
          java.util.Arrays.fill(w, BigInteger.ZERO);
          w[2] = trained[0] >= 2 ? BigInteger.ONE : BigInteger.ZERO;
          return w;
        }
      };
      r = LearningVerifier.verify(small.verilog(), small.core(), withDelays, samples(small, 3, 5),
          small.options("delays").withSimulators(Sim.ICARUS).withWaveformOnMismatch(false));
    }
    assertFalse(r.passed());
    assertEquals(1, r.matching());
    Mismatch m = r.simulators().get(0).firstMismatch();
    assertEquals(1, m.sample());
    assertEquals(1, m.layer());
    assertEquals(LearningVerifier.AXONAL_DELAY, m.field());
    assertEquals(2, m.row());
    assertTrue(m.describe().contains("layer 1, axonal delay word 2: axonal shadow delay of input 2 expected 1, RTL 0"),
        m.describe());
  }

  @Test
  void smallCoreLearnsBitExactlyInIcarus() throws Exception {
    long t0 = System.nanoTime();
    LearningVerifier.Report r;
    try (DesireLearningReference ref = small.reference()) {
      r = LearningVerifier.verify(small.verilog(), small.core(), ref, samples(small, 20, 11),
          small.options("icarus").withSimulators(Sim.ICARUS));
    }
    System.out.printf("IcarusLearningCoreTest: %d/%d samples bit-exact in Icarus, %d clocks, %.1f s simulated, %.1f s"
        + " in all%n", r.matching(), r.samples(), r.cycles(), r.seconds(), (System.nanoTime() - t0) / 1e9);
    assertTrue(r.passed(), r.describe());
    assertEquals(20, r.matching());
    assertEquals(1, r.simulators().size());
    assertEquals("icarus", r.simulators().get(0).simulator());
    assertTrue(r.cycles() > 0);
  }

  /**
   * The golden model is made wrong by one bit of one synapse after sample 2 (what a wrong RTL looks like
   * to the checker): both simulators report sample 2, that layer, word, synapse and the two values, each
   * with a mismatch report and a VCD of its run up to sample 2.
   */
  @Test
  void aWrongExpectationIsCaughtInBothSimulators() throws Exception {
    int badSample = 2;
    int badLayer = 1;
    int badWord = 3;
    HwLayer h = small.core().layers().get(badLayer);
    int width = h.feedforward().laneWord().width();
    int lane = 1;
    LearningVerifier.Report r;
    long[] right = new long[1];
    try (DesireLearningReference ref = small.reference()) {
      LearningReference good = ref;
      int[] trained = {0};
      LearningReference wrong = new Forwarding(good) {
        @Override
        public int[] learn(SpikeRaster input, int label, int epoch, long position) {
          trained[0]++;
          return good.learn(input, label, epoch, position);
        }

        @Override
        public BigInteger[] memoryWords(int layer) {
          BigInteger[] w = good.memoryWords(layer);
          if (trained[0] == badSample + 1 && layer == badLayer) {
            right[0] = w[badWord].shiftRight(lane * width).longValue() & ((1L << width) - 1);
            w = w.clone();
            w[badWord] = w[badWord].flipBit(lane * width); // the lowest bit of lane 1
          }
          return w;
        }
      };
      r = LearningVerifier.verify(small.verilog(), small.core(), wrong, samples(small, 4, 11),
          small.options("wrong").withSimulators(Sim.parse("both")));
    }
    System.out.print("IcarusLearningCoreTest (wrong expectation):\n" + r.describe());
    assertFalse(r.passed());
    assertEquals(badSample, r.matching());
    assertEquals(2, r.simulators().size());
    long rtl = (right[0] << (64 - width)) >> (64 - width);
    long flipped = ((right[0] ^ 1) << (64 - width)) >> (64 - width);
    for (SimulatorReport s : r.simulators()) {
      assertFalse(s.passed(), s.simulator());
      assertEquals(badSample, s.matching(), s.simulator());
      Mismatch m = s.firstMismatch();
      assertEquals(badSample, m.sample(), s.describe());
      assertEquals(badLayer, m.layer(), s.describe());
      assertEquals(badWord, m.address(), s.describe());
      assertEquals("shadow weight", m.field(), s.describe());
      assertEquals(badWord / h.groups(), m.row(), s.describe());
      assertEquals((badWord % h.groups()) * h.lanes() + lane, m.neuron(), s.describe());
      assertEquals(flipped, m.expected(), s.describe());
      assertEquals(rtl, m.actual(), s.describe());
      assertNotNull(s.waveform(), s.simulator() + " wrote no VCD");
      assertTrue(s.waveform().getFileName().toString().equals(s.simulator() + "-learn-sample" + badSample + ".vcd"));
      String vcd = Files.readString(s.waveform());
      assertTrue(vcd.contains("$enddefinitions") && vcd.contains("peekData_valid"), s.waveform().toString());
      assertNotNull(s.report());
      assertTrue(Files.readString(s.report()).contains("sample " + badSample + ", layer " + badLayer), s.simulator());
    }
    assertEquals(r.simulators().get(0).firstMismatch(), r.simulators().get(1).firstMismatch());
    assertEquals(r.simulators().get(0).cycles(), r.simulators().get(1).cycles(), "clocks differ between simulators");
    assertNotNull(r.waveform());
  }

  /**
   * A wrong script: the training commands carry a learning-rate exponent one larger than the golden
   * model's. The core then learns with half the rate and the first update that differs is caught.
   */
  @Test
  void aWrongLearningRateInTheScriptIsCaughtInIcarus() throws Exception {
    LearningVerifier.Report r;
    try (DesireLearningReference ref = small.reference()) {
      LearningReference good = ref;
      LearningReference wrongRate = new Forwarding(good) {
        @Override
        public int rateExponent(int epoch) {
          return good.rateExponent(epoch) + 1; // only the script sees this
        }
      };
      r = LearningVerifier.verify(small.verilog(), small.core(), wrongRate, samples(small, 6, 11),
          small.options("wrong-rate").withSimulators(Sim.ICARUS).withWaveformOnMismatch(false));
    }
    System.out.print("IcarusLearningCoreTest (wrong learning rate in the script):\n" + r.describe());
    assertFalse(r.passed());
    Mismatch m = r.firstMismatch();
    assertNotNull(m);
    assertEquals(m.sample(), r.matching());
    assertTrue(m.layer() >= 0 && m.address() >= 0 && m.field().equals("shadow weight"), m.describe());
    assertEquals(null, r.waveform());
  }

  /**
   * A subset of {@link RandomLearningCoresTest}'s families in Icarus: a core without dropout and with
   * floored updates (no LFSR ports on the training command) and an SPRAM core whose weights arrive
   * through the load port (40-bit load words), one network each.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"floor-no-dropout-d0", "spram-b8"})
  void randomFamiliesLearnBitExactlyInIcarus(String name) throws Exception {
    RandomLearningCoresTest.Family f = RandomLearningCoresTest.families().stream()
        .filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    long seed = 77L * name.hashCode();
    DesireConfig config = f.config(seed, 5);
    NetworkSpec net;
    try (TrainingEngine e = config.engine(1)) {
      net = e.intNetwork();
    }
    HwCore core = HwMapper.map(net, MappingOptions.lanes(f.lanes()).withWeightMemory(f.memory()), MemoryTarget.GENERIC,
        DesireHardware.learningSpec(config));
    Path dir = Files.createDirectories(WORK.resolve(name));
    Path verilog = HwGen.generateCore(core, dir.resolve("rtl")).verilog();
    for (Map.Entry<String, String> img : MemoryImages.build(net, core).entrySet()) {
      Path file = dir.resolve(img.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, img.getValue());
    }
    int[] sizes = f.sizes();
    LearningVerifier.Report r;
    try (DesireLearningReference ref = DesireLearningReference.of(config, core, net)) {
      r = LearningVerifier.verify(verilog, core, ref,
          DesireLearningCoreTest.samples(6, sizes[0], f.timesteps(), sizes[sizes.length - 1], 0.25, seed),
          new LearningVerifier.Options(dir.resolve("sim"), 1, 333, dir).withSimulators(Sim.ICARUS));
    }
    System.out.println("IcarusLearningCoreTest " + name + ": " + r.matching() + "/" + r.samples()
        + " samples bit-exact in Icarus, " + r.cycles() + " clocks");
    assertTrue(r.passed(), r.describe());
  }
}
