package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.image.MemoryImages;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.train.threefactor.HardwareLearningSpec;
import dev.spikeforge.golden.train.threefactor.IntThreeFactorModel;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.golden.train.threefactor.ThreeFactorLearningReference;
import dev.spikeforge.hwgen.HwGen;
import dev.spikeforge.hwgen.twins.ThreeFactorCoreMutants;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three-factor learning core (hw-gen {@code SnnCore} with a {@code ThreeFactorUnit}, docs/hardware.md §7.2)
 * against its golden reference ({@code ThreeFactorLearningReference}, the hardware-form trainer): the delay
 * task's feedforward network at 16-8-4 (T = 64, the preset's widths, one lane per layer), started from the
 * trainer's initial network, learns 20 consecutive training samples of the delay task; after every sample every
 * shadow weight and delay (read back through {@code peek}) and the output counts equal the trainer's, in
 * Verilator and in Icarus, for delays NONE, AXONAL and SYNAPTIC. A core that records every input spike one step
 * late is caught at its first wrong shadow, in sample 0 of the hidden layer. The same with a recurrent hidden layer
 * (the preset with {@code --recurrent}: the forward pass reads the recurrent synapses from the walk's recurrent
 * rows, and after every sample every recurrent shadow weight, and SYNAPTIC delay, is read back and compared too); a
 * recurrent core that records the hidden layer's own spikes one step late is caught at a recurrent word of sample 0.
 */
@Tag("sim")
class ThreeFactorLearningCoreTest {
  private static final Path WORK = Path.of("target", "sim", "ThreeFactorLearningCoreTest");
  /** Consecutive training samples per configuration (CI: 20; a longer run sets the property). */
  static final int SAMPLES = Integer.getInteger("spikeforge.threeFactorCoreSamples", 20);
  /** Which simulators (a property: verilator, icarus or both). */
  static final String SIMS = System.getProperty("spikeforge.threeFactorCoreSims", "both");
  /** Hidden neurons H of the 16-H-4 delay-task network (CI: 8; the benchmark's tuned variant: 16). */
  static final int HIDDEN = Integer.getInteger("spikeforge.threeFactorCoreHidden", 8);
  /** The delay modes run (CI: all three; a benchmark may name some, comma-separated). */
  static final String MODES = System.getProperty("spikeforge.threeFactorCoreModes", "NONE,AXONAL,SYNAPTIC");

  static List<DelayMode> modes() {
    List<DelayMode> m = new ArrayList<>();
    for (String s : MODES.split(",")) {
      m.add(DelayMode.valueOf(s.trim()));
    }
    return m;
  }

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  /** A learning core, its Verilog and images, and its golden reference, for one configuration. */
  record Built(HwCore core, Path verilog, Path images, ThreeFactorLearningReference ref, ThreeFactorConfig cfg) {
    static Built of(ThreeFactorConfig cfg, Path dir) throws IOException {
      IntThreeFactorModel model = IntThreeFactorModel.create(cfg, cfg.task().channels(), cfg.task().classes(),
          cfg.task().steps());
      NetworkSpec net = model.export();
      HwCore core = HwMapper.map(net, MappingOptions.lanes(1), MemoryTarget.GENERIC, HardwareLearningSpec.of(cfg));
      Path verilog = HwGen.generateCore(core, Files.createDirectories(dir.resolve("rtl"))).verilog();
      Path images = Files.createDirectories(dir.resolve("images"));
      for (Map.Entry<String, String> img : MemoryImages.build(net, core).entrySet()) {
        Path file = images.resolve(img.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, img.getValue());
      }
      return new Built(core, verilog, images, ThreeFactorLearningReference.of(cfg, core, net), cfg);
    }
  }

  static List<LearningVerifier.Sample> samples(ThreeFactorConfig cfg, int n) {
    Dataset train = new DelayPatternTask(cfg.task()).trainSet(n);
    List<LearningVerifier.Sample> out = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      out.add(new LearningVerifier.Sample(train.raster(p), train.label(p)));
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void everyShadowAfterEverySampleIsTheTrainers(DelayMode mode) throws IOException {
    ThreeFactorConfig cfg = ThreeFactorConfig.preset(HIDDEN, false, mode, NumericForm.HARDWARE);
    Path dir = WORK.resolve(mode.name() + "-h" + HIDDEN);
    Built b = Built.of(cfg, dir);
    BigInteger[][] before = {b.ref().memoryWords(0), b.ref().memoryWords(1)};
    LearningVerifier.Report r = LearningVerifier.verify(b.verilog(), b.core(), b.ref(), samples(cfg, SAMPLES),
        new LearningVerifier.Options(dir.resolve("sim"), 0, 0, b.images())
            .withSimulators(LearningVerifier.Sim.parse(SIMS)));
    long perSample = r.cycles() / Math.max(1, r.matching());
    assertTrue(r.passed(), () -> r.firstMismatch() == null ? r.matching() + " of " + r.samples()
        : r.firstMismatch().describe());
    assertEquals(SAMPLES, r.matching());
    // not vacuous: both layers' shadows moved
    for (int l = 0; l < 2; l++) {
      BigInteger[] after = b.ref().memoryWords(l);
      int changed = 0;
      for (int a = 0; a < after.length; a++) {
        changed += after[a].equals(before[l][a]) ? 0 : 1;
      }
      assertTrue(changed > 0, "layer " + l + ": no shadow word changed in " + SAMPLES + " samples");
    }
    System.out.println("ThreeFactorLearningCoreTest 16-" + HIDDEN + "-4 " + mode + ": " + r.matching() + " samples bit-exact in "
        + SIMS + ", " + r.cycles() + " clocks (" + perSample + " per sample), " + r.seconds() + " s");
  }

  /** The delay modes of the recurrent runs (CI: all three; a benchmark may name some, comma-separated). */
  static final String RECURRENT_MODES = System.getProperty("spikeforge.threeFactorCoreRecurrentModes",
      "NONE,AXONAL,SYNAPTIC");

  static List<DelayMode> recurrentModes() {
    List<DelayMode> m = new ArrayList<>();
    for (String s : RECURRENT_MODES.split(",")) {
      if (!s.isBlank()) {
        m.add(DelayMode.valueOf(s.trim()));
      }
    }
    return m;
  }

  @ParameterizedTest(name = "recurrent {0}")
  @MethodSource("recurrentModes")
  void everyRecurrentShadowAfterEverySampleIsTheTrainers(DelayMode mode) throws IOException {
    ThreeFactorConfig cfg = ThreeFactorConfig.preset(HIDDEN, true, mode, NumericForm.HARDWARE);
    Path dir = WORK.resolve("recurrent-" + mode.name() + "-h" + HIDDEN);
    Built b = Built.of(cfg, dir);
    assertTrue(b.core().layers().get(0).recurrent(), "the preset with recurrent = true has a recurrent hidden layer");
    BigInteger[][] before = {b.ref().memoryWords(0), b.ref().memoryWords(1), b.ref().recurrentWords(0)};
    LearningVerifier.Report r = LearningVerifier.verify(b.verilog(), b.core(), b.ref(), samples(cfg, SAMPLES),
        new LearningVerifier.Options(dir.resolve("sim"), 0, 0, b.images())
            .withSimulators(LearningVerifier.Sim.parse(SIMS)));
    long perSample = r.cycles() / Math.max(1, r.matching());
    assertTrue(r.passed(), () -> r.firstMismatch() == null ? r.matching() + " of " + r.samples()
        : r.firstMismatch().describe());
    assertEquals(SAMPLES, r.matching());
    // not vacuous: both layers' feedforward shadows and the recurrent shadows moved
    BigInteger[][] after = {b.ref().memoryWords(0), b.ref().memoryWords(1), b.ref().recurrentWords(0)};
    String[] what = {"layer 0", "layer 1", "layer 0 recurrent"};
    for (int x = 0; x < 3; x++) {
      int changed = 0;
      for (int a = 0; a < after[x].length; a++) {
        changed += after[x][a].equals(before[x][a]) ? 0 : 1;
      }
      assertTrue(changed > 0, what[x] + ": no shadow word changed in " + SAMPLES + " samples");
    }
    System.out.println("ThreeFactorLearningCoreTest 16-" + HIDDEN + "-4 recurrent " + mode + ": " + r.matching()
        + " samples bit-exact in " + SIMS + ", " + r.cycles() + " clocks (" + perSample + " per sample), "
        + r.seconds() + " s");
  }

  @Test
  void aRecurrentCoreThatRecordsHiddenSpikesOneStepLateIsCaughtAtARecurrentWord() throws IOException {
    ThreeFactorConfig cfg = ThreeFactorConfig.preset(8, true, DelayMode.NONE, NumericForm.HARDWARE);
    Path dir = WORK.resolve("late-hidden-history");
    Built b = Built.of(cfg, dir);
    Path verilog = ThreeFactorCoreMutants.emitLateHiddenHistoryCore(b.core(),
        Files.createDirectories(dir.resolve("mutant"))).verilog();
    LearningVerifier.Report r = LearningVerifier.verify(verilog, b.core(), b.ref(), samples(cfg, 2),
        new LearningVerifier.Options(dir.resolve("sim"), 0, 0, b.images()).withSimulators(LearningVerifier.Sim.ICARUS)
            .withWaveformOnMismatch(false));
    assertTrue(!r.passed() && r.firstMismatch() != null, "the late-hidden-history core passed");
    LearningVerifier.Mismatch m = r.firstMismatch();
    assertEquals(0, m.sample(), m.describe());
    assertEquals(0, m.layer(), m.describe());
    assertEquals(LearningVerifier.RECURRENT_SHADOW, m.field(), m.describe());
    System.out.println("ThreeFactorLearningCoreTest recurrent mutant caught: " + m.describe());
  }

  @Test
  void aCoreThatRecordsInputSpikesOneStepLateIsCaught() throws IOException {
    ThreeFactorConfig cfg = ThreeFactorConfig.preset(8, false, DelayMode.SYNAPTIC, NumericForm.HARDWARE);
    Path dir = WORK.resolve("late-history");
    Built b = Built.of(cfg, dir);
    Path verilog = ThreeFactorCoreMutants.emitLateInputHistoryCore(b.core(),
        Files.createDirectories(dir.resolve("mutant"))).verilog();
    LearningVerifier.Report r = LearningVerifier.verify(verilog, b.core(), b.ref(), samples(cfg, 2),
        new LearningVerifier.Options(dir.resolve("sim"), 0, 0, b.images()).withSimulators(LearningVerifier.Sim.ICARUS)
            .withWaveformOnMismatch(false));
    assertTrue(!r.passed() && r.firstMismatch() != null, "the late-history core passed");
    assertEquals(0, r.firstMismatch().sample(), r.firstMismatch().describe());
    assertEquals(0, r.firstMismatch().layer(), r.firstMismatch().describe());
    System.out.println("ThreeFactorLearningCoreTest mutant caught: " + r.firstMismatch().describe());
  }
}
