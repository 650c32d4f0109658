package dev.spikeforge.bench;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.spec.ReadoutMode;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.HwThreeFactorLearning;
import dev.spikeforge.golden.spec.hw.SynapseMode;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.train.threefactor.EligibilityMemory;
import dev.spikeforge.golden.train.threefactor.HardwareLearningSpec;
import dev.spikeforge.golden.train.threefactor.NetworkShape;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.golden.train.threefactor.ThreeFactorEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The hardware form of the three-factor rule against today's integer form (and the float form) on the
 * delay task of {@link ThreeFactorDelayLearning} (docs/benchmarks.md, "Three-factor rule: the hardware
 * form"): the four equal-parameter variants (feedforward and recurrent, weights + synaptic delays and
 * weights only) at the leak shifts that benchmark chose on its validation set, each trained in every
 * requested form; the test accuracy after the last epoch and the mean over the last ten epochs
 * (single final epochs of these online runs swing by several points), and the storage the learning
 * unit adds ({@link HwThreeFactorLearning#storage}) beside today's integer form's learning state.
 *
 * <p>Run: {@code bench/run-three-factor-hw.sh [epochs=40] [threads=2] [forms=INT,HARDWARE] [variant filter]
 * [seeds=1]}.
 */
public final class ThreeFactorHardwareForm {
  private ThreeFactorHardwareForm() {}

  /** A variant of the delay benchmark with the hidden leak shift its float validation chose. */
  record Variant(String name, boolean recurrent, DelayMode mode, int hidden, int leak) {
    ThreeFactorDelayLearning.Variant base() {
      return new ThreeFactorDelayLearning.Variant(name, recurrent, mode, hidden);
    }
  }

  static final List<Variant> VARIANTS = List.of(
      new Variant("FF  weights+synaptic delays", false, DelayMode.SYNAPTIC, 16, 1),
      new Variant("FF  weights only", false, DelayMode.NONE, 27, 3),
      new Variant("REC weights+synaptic delays", true, DelayMode.SYNAPTIC, 12, 1),
      new Variant("REC weights only", true, DelayMode.NONE, 18, 3));

  record Run(Variant v, NumericForm form, double[] testByEpoch, double seconds, ThreeFactorEngine engine) {
    double last() {
      return testByEpoch[testByEpoch.length - 1];
    }

    double lastTenMean() {
      int from = Math.max(0, testByEpoch.length - 10);
      return Arrays.stream(testByEpoch, from, testByEpoch.length).average().orElse(Double.NaN);
    }
  }

  public static void main(String[] args) throws Exception {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    List<NumericForm> forms = Arrays.stream((args.length > 2 ? args[2] : "INT,HARDWARE").split(","))
        .map(NumericForm::valueOf).toList();
    String only = args.length > 3 ? args[3] : "";
    long[] seeds = Arrays.stream((args.length > 4 ? args[4] : "1").split(",")).mapToLong(Long::parseLong).toArray();
    DelayPatternTask task = new DelayPatternTask(ThreeFactorDelayLearning.TASK);
    Dataset train = task.trainSet(ThreeFactorDelayLearning.TRAIN);
    Dataset test = task.testSet(ThreeFactorDelayLearning.TEST);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long t0 = System.nanoTime();
    try {
      List<Future<Run>> futures = new ArrayList<>();
      for (Variant v : VARIANTS) {
        if (!v.name().contains(only)) {
          continue;
        }
        for (long seed : seeds) {
          for (NumericForm form : forms) {
            ThreeFactorConfig c = ThreeFactorDelayLearning.config(v.base(), v.leak(), form, epochs,
                FeedbackMode.SYMMETRIC).withSeed(seed);
            futures.add(pool.submit(() -> run(v, c, train, test)));
          }
        }
      }
      System.out.printf(Locale.ROOT, "Task %s, train %d, test %d, %d epochs, symmetric feedback, seeds %s%n%n",
          ThreeFactorDelayLearning.TASK, ThreeFactorDelayLearning.TRAIN, ThreeFactorDelayLearning.TEST, epochs,
          Arrays.toString(seeds));
      System.out.println("| variant | k | seed | form | test, last epoch | test, mean of last 10 epochs | train + test s |"
          + " learning state |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      for (Future<Run> f : futures) {
        Run r = f.get();
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %s | %.1f %% | %.1f %% | %.0f | %s |%n", r.v().name(),
            r.v().leak(), r.engine().config().seed(), r.form(), 100 * r.last(), 100 * r.lastTenMean(), r.seconds(),
            memory(r));
      }
      System.out.printf(Locale.ROOT, "%nTotal wall time %.0f s on %d threads%n", (System.nanoTime() - t0) / 1e9,
          threads);
    } finally {
      pool.shutdown();
    }
  }

  private static Run run(Variant v, ThreeFactorConfig c, Dataset train, Dataset test) throws Exception {
    EpochCurve curve = EpochCurve.train(c, train, test);
    return new Run(v, c.form(), curve.accuracy(), curve.seconds(), curve.engine());
  }

  /** The learning state of a run's form: today's accumulators and traces, or what the unit adds. */
  private static String memory(Run r) {
    ThreeFactorConfig c = r.engine().config();
    int inputs = ThreeFactorDelayLearning.TASK.channels();
    if (c.form() == NumericForm.HARDWARE) {
      HwThreeFactorLearning spec = HardwareLearningSpec.of(c);
      HwCore core = core(c, inputs, ThreeFactorDelayLearning.TASK.classes(), ThreeFactorDelayLearning.TASK.steps());
      return String.format(Locale.ROOT, "%.1f kbit the unit adds (whole network)", spec.storageBits(core) / 1000.0);
    }
    if (c.form() == NumericForm.INT) {
      return String.format(Locale.ROOT, "%.1f kbit accumulators and traces (hidden layer)",
          EligibilityMemory.of(c, inputs).totalBits() / 1000.0);
    }
    return "—";
  }

  /** The structure of the inference core of a config (one lane per layer: storage does not depend on lanes). */
  static HwCore core(ThreeFactorConfig c, int inputs, int classes, int steps) {
    NetworkShape s = c.shape();
    int maxDelay = s.effectiveMaxDelay();
    HwLayer hidden = new HwLayer(LayerKind.DENSE, inputs, s.hidden(), 1, s.hiddenNeuron().weightWidth(),
        s.hiddenNeuron().membraneWidth(), maxDelay, s.delayMode(), s.recurrent(),
        s.recurrent() && s.delayMode() == DelayMode.SYNAPTIC, SynapseMode.EVENT, 1, SynapseMode.EVENT);
    HwLayer out = new HwLayer(LayerKind.DENSE, s.hidden(), classes, 1, s.outputNeuron().weightWidth(),
        s.outputNeuron().membraneWidth(), 0, DelayMode.NONE, false, false, SynapseMode.EVENT, 1, SynapseMode.EVENT);
    return new HwCore(inputs, 1, steps, ReadoutMode.SPIKE_COUNT, 1, List.of(hidden, out));
  }
}
