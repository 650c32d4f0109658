package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.learning.threefactor.LearningSignal;
import dev.spikeforge.golden.learning.threefactor.OutputError;
import dev.spikeforge.golden.learning.threefactor.RandomFeedback;
import dev.spikeforge.golden.learning.threefactor.WeightUpdate;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwThreeFactorLearning;
import dev.spikeforge.golden.train.threefactor.HardwareLearningSpec;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.golden.train.threefactor.ThreeFactorEngine;
import dev.spikeforge.golden.train.threefactor.ThreeFactorTraining;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.twins.ThreeFactorErrorStageBench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The error stage of the three-factor learning unit as RTL (hw-gen {@code ThreeFactorErrorStage}, docs/hardware.md
 * §7.2) against the trainer's functions: for the delay task's 16-8-4 network (T = 64), symmetric and random
 * feedback, 60 random samples (random counts 0..T and labels, random output shadow words over the whole B + F_w
 * range, given to the stage as their forward weights, random feedback seeds) plus the extremes (every count 0, every count T, shadows at both ends), every δ_k
 * and L_j written equals {@code OutputError.deltas} and {@code LearningSignal.of} with the forward output weights
 * ({@code WeightUpdate.forward}) or {@code RandomFeedback.generate}, at the clock the stage writes it, in Verilator
 * and Icarus; the busy clocks are the stage's count. A stage that gives the label output the others' error is caught.
 */
@Tag("sim")
class ThreeFactorErrorStageTest {
  private static final Path WORK = Path.of("target", "sim", "ThreeFactorErrorStageTest");
  private static final int CASES = 60;

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  /** The delay task's 16-8-4 network with {@code fb} feedback: its unit spec and inference core. */
  private record Setup(HwThreeFactorLearning spec, HwCore core) {
    static Setup of(FeedbackMode fb) {
      ThreeFactorConfig cfg = ThreeFactorConfig.preset(8, false, DelayMode.SYNAPTIC, NumericForm.HARDWARE);
      cfg = cfg.withLearning(cfg.learning().withFeedback(fb));
      try (ThreeFactorEngine e = ThreeFactorTraining.engine(cfg, 16, 4, 64)) {
        return new Setup(HardwareLearningSpec.of(cfg), HwMapper.map(e.intNetwork(), MappingOptions.lanes(1)));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FeedbackMode.class)
  void everyErrorAndSignalIsTheTrainers(FeedbackMode fb) {
    Setup setup = Setup.of(fb);
    HwThreeFactorLearning spec = setup.spec();
    HwCore core = setup.core();
    GeneratedModule m = ThreeFactorErrorStageBench.emit(spec, core, WORK.resolve(fb.name()));
    VectorHarness h = VectorHarness.of(m);
    Vectors v = samples(h, spec, core);
    for (Simulator s : List.<Simulator>of(new VerilatorSimulator(), new IcarusSimulator())) {
      CompiledHarness sim = s.compile(h, m.verilog().getParent().resolve(s.name()));
      long[][] actual = new ClockedVectors(sim.harness(), 1).run(sim, v.inputs());
      Optional<String> wrong = v.firstMismatch(s.name() + " " + m.moduleName(), actual);
      assertTrue(wrong.isEmpty(), () -> wrong.get());
      assertEquals((long) (CASES + 3) * ThreeFactorErrorStageBench.clocks(spec, core), v.busyClocks(actual));
    }
  }

  /** A stage that gives the label output the others' hinge is caught at the first label error it gets wrong. */
  @Test
  void aStageThatTreatsTheLabelAsAnotherOutputIsCaught() {
    Setup setup = Setup.of(FeedbackMode.SYMMETRIC);
    GeneratedModule m = ThreeFactorErrorStageBench.emitLabelAsOther(setup.spec(), setup.core(), WORK.resolve("mutant"));
    VectorHarness h = VectorHarness.of(m);
    Vectors v = samples(h, setup.spec(), setup.core());
    long[][] actual = new ClockedVectors(h, 1).run(new IcarusSimulator().compile(h,
        m.verilog().getParent().resolve("icarus")), v.inputs());
    Optional<String> wrong = v.firstMismatch("icarus " + m.moduleName(), actual);
    assertTrue(wrong.isPresent(), "the mutant must differ from the trainer");
    assertTrue(wrong.get().contains(": δ_"), wrong.get());
  }

  /** The 60 random samples and the three extremes, as vectors of {@code h}. */
  private static Vectors samples(VectorHarness h, HwThreeFactorLearning spec, HwCore core) {
    Vectors v = new Vectors(h, spec, core, ThreeFactorErrorStageBench.clocks(spec, core));
    SplittableRandom rnd = new SplittableRandom(12);
    int t = core.timesteps();
    int c = core.outputSize();
    int hidden = core.layers().get(0).size();
    int shadowBits = spec.shadowWeightWidth(core.outputLayer().weightWidth());
    long lo = -(1L << (shadowBits - 1));
    long hi = (1L << (shadowBits - 1)) - 1;
    for (int n = 0; n < CASES + 3; n++) {
      int[] counts = new int[c];
      long[][] shadows = new long[c][hidden];
      for (int k = 0; k < c; k++) {
        counts[k] = n == CASES ? 0 : n == CASES + 1 ? t : rnd.nextInt(t + 1);
        for (int j = 0; j < hidden; j++) {
          shadows[k][j] = n == CASES + 1 ? (k % 2 == 0 ? lo : hi) : n == CASES + 2 ? hi : rnd.nextLong(lo, hi + 1);
        }
      }
      v.add(n, counts, rnd.nextInt(c), shadows, rnd.nextLong());
    }
    return v;
  }

  /** The stage's input vectors, one a clock (a reset first), and what its outputs must be. */
  private static final class Vectors {
    private final VectorHarness harness;
    private final HwThreeFactorLearning spec;
    private final HwCore core;
    private final int clocks;
    private final List<long[]> rows = new ArrayList<>();
    private final List<long[]> expected = new ArrayList<>(); // {row, port index, value}
    private final List<String> what = new ArrayList<>();

    Vectors(VectorHarness harness, HwThreeFactorLearning spec, HwCore core, int clocks) {
      this.harness = harness;
      this.spec = spec;
      this.core = core;
      this.clocks = clocks;
    }

    /** One sample: start, the C error writes, the H·C products (shadow words the clock after their read), the drain. */
    void add(int n, int[] counts, int label, long[][] shadows, long seed) {
      if (rows.isEmpty()) {
        rows.add(new long[harness.inputs().size()]);
        in(0, "reset", 1);
      }
      int c = counts.length;
      int hidden = shadows[0].length;
      int fy = spec.outputFracBits();
      long[] pi = new long[c];
      for (int k = 0; k < c; k++) {
        pi[k] = (long) counts[k] << fy;
      }
      long[] delta = OutputError.deltas(pi, label, (long) spec.targetOn() << fy, (long) spec.targetOff() << fy);
      int[][] b;
      if (spec.randomFeedback()) {
        b = RandomFeedback.generate(hidden, c, spec.feedbackWidth(), seed);
      } else {
        int[][] w = new int[c][hidden];
        for (int k = 0; k < c; k++) {
          for (int j = 0; j < hidden; j++) {
            w[k][j] = WeightUpdate.forward(shadows[k][j], spec.weightFracBits(), core.outputLayer().weightWidth());
          }
        }
        b = LearningSignal.symmetric(w);
      }
      long[] signal = LearningSignal.of(b, delta);
      int base = rows.size();
      for (int x = 0; x < clocks + 1; x++) {
        rows.add(new long[harness.inputs().size()]);
      }
      in(base, "in_start", 1);
      in(base, "in_label", label);
      for (int k = 0; k < c; k++) {
        in(base, "in_counts_" + k, counts[k]);
      }
      if (spec.randomFeedback()) {
        in(base, "in_feedbackState", Integer.toUnsignedLong(Lfsr.seeded(seed, RandomFeedback.STREAM).state()));
      }
      for (int k = 0; k < c; k++) {
        expect(base + k, "out_errorWrite", 1, n, "error write " + k);
        expect(base + k, "out_errorAddr", k, n, "error address " + k);
        expect(base + k, "out_errorData", delta[k], n, "δ_" + k);
      }
      for (int j = 0; j < hidden; j++) {
        for (int k = 0; k < c; k++) {
          int issue = base + c + j * c + k;
          if (!spec.randomFeedback()) {
            expect(issue, "out_weightRead", 1, n, "read of w̃[" + k + "][" + j + "]");
            expect(issue, "out_weightRow", j, n, "row of w̃[" + k + "][" + j + "]");
            expect(issue, "out_weightNeuron", k, n, "neuron of w̃[" + k + "][" + j + "]");
            // a block-RAM read: the word is there the clock after the request, until the next edge, where a
            // vector's inputs are sampled (ClockedVectors drives a vector's inputs before its edge)
            in(issue + 2, "in_weight", b[j][k]);
          }
          expect(issue + 2, "out_signalWrite", k == c - 1 ? 1 : 0, n, "signal write after product " + j + "," + k);
        }
        expect(base + c + (j + 1) * c + 1, "out_signalAddr", j, n, "signal address " + j);
        expect(base + c + (j + 1) * c + 1, "out_signalData", signal[j], n, "L_" + j);
      }
      for (int x = 0; x < clocks; x++) {
        expect(base + x, "out_busy", 1, n, "busy at clock " + x);
      }
      expect(base + clocks, "out_busy", 0, n, "done after " + clocks + " clocks");
    }

    private void in(int row, String port, long value) {
      rows.get(row)[harness.inputIndex(port)] = value;
    }

    private void expect(int row, String port, long value, int sample, String w) {
      expected.add(new long[] {row, harness.outputIndex(port), value});
      what.add("sample " + sample + ": " + w + " (" + port + ")");
    }

    long[][] inputs() {
      return rows.toArray(new long[0][]);
    }

    long busyClocks(long[][] actual) {
      int b = harness.outputIndex("out_busy");
      long n = 0;
      for (long[] r : actual) {
        n += r[b];
      }
      return n;
    }

    Optional<String> firstMismatch(String source, long[][] actual) {
      int wrong = 0;
      String first = null;
      for (int e = 0; e < expected.size(); e++) {
        long[] x = expected.get(e);
        long a = actual[(int) x[0]][(int) x[1]];
        if (a != x[2]) {
          wrong++;
          if (first == null) {
            first = source + ": " + what.get(e) + ", vector " + x[0] + ", is " + a + ", the trainer's is " + x[2];
          }
        }
      }
      return first == null ? Optional.empty()
          : Optional.of(first + "; " + wrong + " of " + expected.size() + " checked outputs differ");
    }
  }
}
