package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.learning.threefactor.UpdateRounding;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwThreeFactorLearning;
import dev.spikeforge.golden.train.threefactor.HardwareLearningSpec;
import dev.spikeforge.golden.train.threefactor.IntThreeFactorModel;
import dev.spikeforge.golden.train.threefactor.LayerReplay;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.SampleReplay;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.twins.ThreeFactorLearnerBenches;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The update walk of the three-factor learning unit as RTL (hw-gen {@code ThreeFactorLayerLearner},
 * docs/hardware.md §7.2) against the trainer: the hardware-form trainer ({@code IntThreeFactorModel}, form
 * HARDWARE, the delay task's preset at 16-8-4) trains consecutive samples from its initial network, recording
 * each ({@code trainRecorded}); each layer's learner gets the recorded histories, codes and learning signals of
 * every sample and its rounding LFSR's start state, walks, and every shadow weight and delay read back after the
 * sample equals the trainer's, in Verilator and in Icarus. The shadows stay in the learner from sample to sample
 * (loaded once, before the first). A learner that draws a synaptic delay's rounding bits after its weight's is
 * caught.
 */
@Tag("sim")
class ThreeFactorLayerLearnerTest {
  private static final Path WORK = Path.of("target", "sim", "ThreeFactorLayerLearnerTest");
  /** Consecutive training samples per configuration (CI: 20; a longer run sets the property). */
  static final int SAMPLES = Integer.getInteger("spikeforge.threeFactorSamples", 20);

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = DelayMode.class, names = {"SYNAPTIC", "AXONAL"})
  void everyShadowAfterEverySampleIsTheTrainers(DelayMode mode) {
    Recorded r = Recorded.of(mode, SAMPLES);
    for (int layer = 0; layer <= 1; layer++) {
      GeneratedModule m = ThreeFactorLearnerBenches.emitLayerLearner(r.spec, r.core, layer,
          WORK.resolve(mode + "-" + layer));
      LayerWalkVectors v = r.vectors(m, layer, SAMPLES);
      for (CompiledHarness s : built(m)) {
        long[][] actual = run(s, v);
        Optional<String> wrong = v.firstMismatch(s.simulator().name() + " " + m.moduleName(), actual);
        assertTrue(wrong.isEmpty(), () -> wrong.get());
        assertEquals((long) SAMPLES * ThreeFactorLearnerBenches.walkClocks(r.spec, r.core, layer), v.busyClocks(actual),
            "clocks of the walks");
      }
    }
  }

  /**
   * A recurrent hidden layer (the delay task's preset with --recurrent, 16-8-4): the walk goes on over the m
   * recurrent rows (presynaptic: the hidden spike history), and every feedforward and recurrent shadow weight and
   * delay after every sample is the trainer's. NONE (recurrent delays 1), AXONAL (recurrent delays 1, no row
   * delay for recurrent rows) and SYNAPTIC (learned recurrent delays, clamped to 1..maxDelay).
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = DelayMode.class, names = {"NONE", "AXONAL", "SYNAPTIC"})
  void recurrentRowsAfterEverySampleAreTheTrainers(DelayMode mode) {
    Recorded r = Recorded.of(mode, true, SAMPLES);
    GeneratedModule m = ThreeFactorLearnerBenches.emitLayerLearner(r.spec, r.core, 0, WORK.resolve("rec-" + mode));
    LayerWalkVectors v = r.vectors(m, 0, SAMPLES);
    for (CompiledHarness s : built(m)) {
      long[][] actual = run(s, v);
      Optional<String> wrong = v.firstMismatch(s.simulator().name() + " " + m.moduleName(), actual);
      assertTrue(wrong.isEmpty(), () -> wrong.get());
      assertEquals((long) SAMPLES * ThreeFactorLearnerBenches.walkClocks(r.spec, r.core, 0), v.busyClocks(actual),
          "clocks of the walks");
    }
    long changed = r.samples.stream().mapToLong(x -> differ(x.recurrent().weightsBefore(),
        x.recurrent().weightsAfter())).sum();
    assertTrue(changed > 0, "the samples changed no recurrent shadow weight: the comparison would prove nothing");
  }

  @Test
  void aLearnerWhoseRecurrentRowsReplayAtDelayZeroIsCaught() {
    Recorded r = Recorded.of(DelayMode.NONE, true, 1);
    GeneratedModule m = ThreeFactorLearnerBenches.emitRecurrentDelayZeroLearner(r.spec, r.core, 0,
        WORK.resolve("rec-mutant"));
    LayerWalkVectors v = r.vectors(m, 0, 1);
    VectorHarness h = VectorHarness.of(m);
    Optional<String> wrong = v.firstMismatch("icarus " + m.moduleName(),
        run(new IcarusSimulator().compile(h, m.verilog().getParent().resolve("icarus")), v));
    assertTrue(wrong.isPresent(), "the mutant must differ from the trainer");
    assertTrue(wrong.get().startsWith("icarus " + m.moduleName() + ": sample 0: recurrent shadow weight "),
        wrong.get());
  }

  private static long differ(long[][] a, long[][] b) {
    long n = 0;
    for (int j = 0; j < a.length; j++) {
      for (int k = 0; k < a[j].length; k++) {
        n += a[j][k] != b[j][k] ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void aLearnerThatDrawsTheWeightBeforeTheDelayIsCaught() {
    Recorded r = Recorded.of(DelayMode.SYNAPTIC, 1);
    GeneratedModule m = ThreeFactorLearnerBenches.emitSwappedDrawsLearner(r.spec, r.core, 0, WORK.resolve("mutant"));
    LayerWalkVectors v = r.vectors(m, 0, 1);
    VectorHarness h = VectorHarness.of(m);
    Optional<String> wrong = v.firstMismatch("icarus " + m.moduleName(),
        run(new IcarusSimulator().compile(h, m.verilog().getParent().resolve("icarus")), v));
    assertTrue(wrong.isPresent(), "the mutant must differ from the trainer");
    assertTrue(wrong.get().startsWith("icarus " + m.moduleName() + ": sample 0: shadow "), wrong.get());
  }

  static long[][] run(CompiledHarness sim, LayerWalkVectors v) {
    return new ClockedVectors(sim.harness(), 1).run(sim, v.inputs());
  }

  /** Learners built in Verilator and Icarus, by module name (the output layer's is the same in both delay modes). */
  private static final Map<String, Built> BUILT = new HashMap<>();

  private record Built(String verilog, List<CompiledHarness> sims) {}

  /** {@code m} built in both simulators, or the build of an earlier test of the same design. */
  private static synchronized List<CompiledHarness> built(GeneratedModule m) {
    String text;
    try {
      text = Files.readString(m.verilog());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Built b = BUILT.get(m.moduleName());
    if (b == null) {
      VectorHarness h = VectorHarness.of(m);
      b = new Built(text, List.<Simulator>of(new VerilatorSimulator(), new IcarusSimulator()).stream()
          .map(s -> s.compile(h, m.verilog().getParent().resolve(s.name()))).toList());
      BUILT.put(m.moduleName(), b);
    }
    assertEquals(b.verilog(), text, "two designs named " + m.moduleName());
    return b.sims();
  }

  /** Consecutive recorded samples of the hardware-form trainer, and the core and spec of its network. */
  record Recorded(ThreeFactorConfig cfg, HwThreeFactorLearning spec, HwCore core, List<SampleReplay> samples) {
    static Recorded of(DelayMode mode, int samples) {
      return of(mode, false, samples);
    }

    static Recorded of(DelayMode mode, boolean recurrent, int samples) {
      ThreeFactorConfig cfg = ThreeFactorConfig.preset(8, recurrent, mode, NumericForm.HARDWARE);
      HwThreeFactorLearning spec = HardwareLearningSpec.of(cfg);
      Dataset train = new DelayPatternTask(cfg.task()).trainSet(samples);
      IntThreeFactorModel model = IntThreeFactorModel.create(cfg, cfg.task().channels(), cfg.task().classes(),
          cfg.task().steps());
      HwCore core = HwMapper.map(model.export(), MappingOptions.lanes(1));
      List<SampleReplay> list = new ArrayList<>();
      for (int p = 0; p < samples; p++) {
        list.add(model.trainRecorded(train.raster(p), train.label(p), 0, p));
      }
      return new Recorded(cfg, spec, core, list);
    }

    /** The vectors of {@code layer} (0 hidden, 1 output) for the first {@code n} samples. */
    LayerWalkVectors vectors(GeneratedModule m, int layer, int n) {
      Function<SampleReplay, LayerReplay> of = layer == 0 ? SampleReplay::hidden : SampleReplay::output;
      LayerWalkVectors v = new LayerWalkVectors(VectorHarness.of(m),
          ThreeFactorLearnerBenches.walkClocks(spec, core, layer));
      for (int p = 0; p < n; p++) {
        LayerReplay l = of.apply(samples.get(p));
        assertEquals(spec.kappaShift(), l.kappaShift(), "κ shift");
        SampleReplay s = samples.get(p);
        if (layer == 0 && s.recurrent() != null) {
          // the hidden spike history is the output layer's presynaptic history
          v.add(p, l, s.recurrent(), s.output().presynaptic(), Lfsr.seeded(cfg.seed(),
              UpdateRounding.stream(layer, 0, p)).state());
        } else {
          v.add(p, l, Lfsr.seeded(cfg.seed(), UpdateRounding.stream(layer, 0, p)).state());
        }
      }
      return v;
    }
  }
}
