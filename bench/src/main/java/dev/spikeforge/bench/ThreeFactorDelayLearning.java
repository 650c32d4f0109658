package dev.spikeforge.bench;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternParams;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainResult;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.threefactor.EligibilityMemory;
import dev.spikeforge.golden.train.threefactor.NetworkShape;
import dev.spikeforge.golden.train.threefactor.NeuronParams;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.golden.train.threefactor.ThreeFactorEngine;
import dev.spikeforge.golden.train.threefactor.ThreeFactorTraining;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Three-factor weight and delay learning on the delay-pattern task (docs/benchmarks.md, section
 * "Three-factor weight and delay learning"): feedforward and recurrent networks, weights-only versus
 * weights+delays at (nearly) equal parameter count, synaptic versus axonal delays, float and integer
 * form. For every variant the hidden leak shift is chosen from {1, 2, 3} by float accuracy on a
 * validation set (generator indices disjoint from training and test); the chosen setting is then
 * trained in both forms and reported on the test set.
 *
 * <p>Run: {@code bench/run-three-factor.sh [epochs=40] [threads=2] [feedback=SYMMETRIC] [variant filter]}.
 */
public final class ThreeFactorDelayLearning {
  /** The task: 4 classes, 9 channels with distinct offsets 0, 2, …, 16, T = 64, no jitter, 3 distractors per channel. */
  public static final DelayPatternParams TASK = new DelayPatternParams(4, 9, 64, 16, 0, 3, 0);
  static final int TRAIN = 4000;
  static final int VAL = 1000;
  static final int TEST = 1000;
  static final int[] LEAKS = {1, 2, 3};

  private ThreeFactorDelayLearning() {}

  record Variant(String name, boolean recurrent, DelayMode mode, int hidden) {}

  /** A run of a config through the one Trainer: its result, and the engine holding the trained network. */
  record Trained(TrainResult result, ThreeFactorEngine engine) {
    static Trained of(ThreeFactorConfig c, Dataset train, Dataset val) throws IOException {
      ThreeFactorEngine e = ThreeFactorTraining.engine(c, train, val);
      return new Trained(Trainer.run(e, train, val, null, ThreeFactorTraining.options(c), TrainListener.NONE), e);
    }

    /** Accuracy on the run's evaluation set after the last epoch. */
    double testAccuracy() {
      return result.epochs().get(result.epochs().size() - 1).testAccuracy();
    }

    /** Wall time of training and evaluation. */
    double seconds() {
      return result.trainSeconds() + result.testSeconds();
    }
  }

  record Row(Variant v, int leak, double[] valByLeak, double[] testByLeak, Trained f, Trained i,
      double floatTest, double intTest, double floatSeconds, double intSeconds) {}

  public static void main(String[] args) throws Exception {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    FeedbackMode feedback = args.length > 2 ? FeedbackMode.valueOf(args[2]) : FeedbackMode.SYMMETRIC;
    String only = args.length > 3 ? args[3] : "";
    DelayPatternTask task = new DelayPatternTask(TASK);
    Dataset train = task.trainSet(TRAIN);
    Dataset val = task.generate("delay-pattern-val", TRAIN, VAL);
    Dataset test = task.testSet(TEST);
    List<Variant> variants = List.of(
        new Variant("FF  weights+synaptic delays", false, DelayMode.SYNAPTIC, 16),
        new Variant("FF  weights only", false, DelayMode.NONE, 27),
        new Variant("FF  weights+axonal delays", false, DelayMode.AXONAL, 16),
        new Variant("FF  weights only (= axonal count)", false, DelayMode.NONE, 17),
        new Variant("REC weights+synaptic delays", true, DelayMode.SYNAPTIC, 12),
        new Variant("REC weights only", true, DelayMode.NONE, 18),
        new Variant("REC weights+axonal delays", true, DelayMode.AXONAL, 12),
        new Variant("REC weights only (= axonal count)", true, DelayMode.NONE, 13))
        .stream().filter(v -> v.name().contains(only)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long t0 = System.nanoTime();
    try {
      // 1. leak selection on the validation set (float form)
      List<List<Future<Trained>>> grid = new ArrayList<>();
      for (Variant v : variants) {
        List<Future<Trained>> fs = new ArrayList<>();
        for (int leak : LEAKS) {
          ThreeFactorConfig c = config(v, leak, NumericForm.FLOAT, epochs, feedback);
          fs.add(pool.submit(() -> Trained.of(c, train, val)));
        }
        grid.add(fs);
      }
      List<Future<Row>> rows = new ArrayList<>();
      for (int n = 0; n < variants.size(); n++) {
        Variant v = variants.get(n);
        double[] valAcc = new double[LEAKS.length];
        double[] testAcc = new double[LEAKS.length];
        int best = 0;
        Trained bestF = null;
        double bestSeconds = 0;
        for (int k = 0; k < LEAKS.length; k++) {
          Trained r = grid.get(n).get(k).get();
          valAcc[k] = r.testAccuracy();
          testAcc[k] = Evaluator.evaluate(r.engine().floatNetwork(), test, null, 1, null).accuracy();
          if (valAcc[k] > valAcc[best] || k == 0) {
            best = k;
          }
        }
        bestF = grid.get(n).get(best).get();
        bestSeconds = bestF.seconds();
        int leak = LEAKS[best];
        Trained f = bestF;
        double fs = bestSeconds;
        System.err.printf(Locale.ROOT, "%s: validation %s -> leak shift %d (%.0f s so far)%n", v.name(),
            java.util.Arrays.toString(valAcc), leak, (System.nanoTime() - t0) / 1e9);
        // 2. the integer form with the chosen setting
        rows.add(pool.submit(() -> {
          ThreeFactorConfig ci = config(v, leak, NumericForm.INT, epochs, feedback);
          Trained i = Trained.of(ci, train, val);
          double is = i.seconds();
          double ft = Evaluator.evaluate(f.engine().floatNetwork(), test, null, 1, null).accuracy();
          double it = Evaluator.evaluate(i.engine().intNetwork(), test, null, 1, null).accuracy();
          return new Row(v, leak, valAcc, testAcc, f, i, ft, it, fs, is);
        }));
      }
      System.out.printf(Locale.ROOT, "Task %s, train %d, validation %d, test %d, %d epochs, feedback %s%n%n", TASK,
          TRAIN, VAL, TEST, epochs, feedback);
      System.out.println("| variant | hidden | weights | delays | total | leak k (val acc k=1/2/3) | float test | int test"
          + " | int − float | train s float/int | learning state bits/synapse | bits/input | hidden-layer learning state |");
      System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
      List<Row> done = new ArrayList<>();
      for (Future<Row> fr : rows) {
        Row r = fr.get();
        done.add(r);
        EligibilityMemory m = r.i().engine().memory();
        System.out.printf(Locale.ROOT,
            "| %s | %d | %d | %d | %d | %d (%.1f/%.1f/%.1f) | %.1f %% | %.1f %% | %+.1f | %.0f / %.0f | %d | %d | %.1f kbit |%n",
            r.v().name(), r.v().hidden(), r.f().engine().parameters().weights(), r.f().engine().parameters().delays(),
            r.f().engine().parameters().total(), r.leak(), 100 * r.valByLeak()[0], 100 * r.valByLeak()[1],
            100 * r.valByLeak()[2], 100 * r.floatTest(), 100 * r.intTest(), 100 * (r.intTest() - r.floatTest()),
            r.floatSeconds(), r.intSeconds(), m.perSynapseBits(), m.perNeuronBits(), m.totalBits() / 1000.0);
      }
      System.out.println();
      System.out.println("Float test accuracy of every grid point (same neurons: compare a row with its delay variant at"
          + " the same k):");
      System.out.println();
      System.out.println("| variant | k = 1 | k = 2 | k = 3 |");
      System.out.println("|---|---|---|---|");
      for (Row r : done) {
        System.out.printf(Locale.ROOT, "| %s | %.1f %% | %.1f %% | %.1f %% |%n", r.v().name(), 100 * r.testByLeak()[0],
            100 * r.testByLeak()[1], 100 * r.testByLeak()[2]);
      }
      System.out.printf(Locale.ROOT, "%nTotal wall time %.0f s on %d threads%n", (System.nanoTime() - t0) / 1e9, threads);
    } finally {
      pool.shutdown();
    }
  }

  /** The benchmark configuration of a variant. */
  static ThreeFactorConfig config(Variant v, int leak, NumericForm form, int epochs, FeedbackMode feedback) {
    ThreeFactorConfig base = ThreeFactorConfig.preset(v.hidden(), v.recurrent(), v.mode(), form);
    NetworkShape s = base.shape();
    NeuronParams h = s.hiddenNeuron();
    NetworkShape shape = new NetworkShape(v.hidden(), v.recurrent(), v.mode(), TASK.maxLag(),
        new NeuronParams(h.threshold(), leak, h.membraneWidth(), h.weightWidth()), s.outputNeuron());
    return base.withShape(shape).withLearning(base.learning().withFeedback(feedback))
        .withTask(TASK, TRAIN, TEST).withEpochs(epochs);
  }
}
