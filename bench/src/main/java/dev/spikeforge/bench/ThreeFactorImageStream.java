package dev.spikeforge.bench;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.ImageStreamParams;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.train.threefactor.LearningParams;
import dev.spikeforge.golden.train.threefactor.NetworkShape;
import dev.spikeforge.golden.train.threefactor.NeuronParams;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.golden.train.threefactor.ThreeFactorEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The second temporal task of the three-factor rule (docs/benchmarks.md, "Three-factor rule on a
 * row-by-row image stream"): Fashion-MNIST (or the MNIST subset) shown one row per step ({@link
 * ImageStreamData}), weights + delays against weights only at equal parameter count, feedforward and
 * recurrent, in the integer form and the hardware form, several seeds; test accuracy after the last
 * epoch and the mean over the last epochs. The hidden leak shift of every variant is chosen on a
 * validation set (training images outside the training subset) in the hardware form unless given.
 *
 * <p>Run: {@code bench/run-three-factor-stream.sh [key=value …]}, keys in {@link #main}.
 */
public final class ThreeFactorImageStream {
  private ThreeFactorImageStream() {}

  /** A network of the comparison: its key, name, recurrence, delays and hidden neurons. */
  record Variant(String key, String name, boolean recurrent, DelayMode mode, int hidden) {}

  /**
   * The variants at equal parameter count for 28 inputs and 10 classes: synaptic delays on H inputs
   * add 28H (+ H² recurrent) delays to 38H (+ H²) weights; weights-only networks get the hidden neurons
   * that match (66·32 = 2,112 against 38·56 = 2,128; 2·(28·24 + 24²) + 240 = 2,736 against 38·37 + 37²
   * = 2,775); axonal delays add 28, matched by one more neuron.
   */
  static final List<Variant> VARIANTS = List.of(
      new Variant("ffsyn", "FF  weights+synaptic delays", false, DelayMode.SYNAPTIC, 32),
      new Variant("ffw", "FF  weights only", false, DelayMode.NONE, 56),
      new Variant("recsyn", "REC weights+synaptic delays", true, DelayMode.SYNAPTIC, 24),
      new Variant("recw", "REC weights only", true, DelayMode.NONE, 37),
      new Variant("ffax", "FF  weights+axonal delays", false, DelayMode.AXONAL, 32),
      new Variant("ffw1", "FF  weights only (= axonal count)", false, DelayMode.NONE, 33));

  /** One finished run: its test (or validation) accuracy after every epoch, and its probes (or null). */
  record Run(Variant v, int leak, NumericForm form, long seed, EpochCurve curve, StreamProbes.Result probe) {
    double last() {
      return curve.last();
    }

    double lastMean(int n) {
      return curve.lastMean(n);
    }

    ThreeFactorEngine engine() {
      return curve.engine();
    }

    double seconds() {
      return curve.seconds();
    }
  }

  /**
   * Keys (defaults): dataset (fashion-mnist), rows (1), threshold (128), silence (16), order (rows),
   * maxDelay (16), train (3000), val (1000), test (2000), epochs (20), last (5: epochs averaged),
   * forms (INT,HARDWARE), seeds (1,2), only (comma-separated variant keys; all), threads (2), leaks
   * (1,2,3: the validation grid), selectEpochs (10), k (fixed leak shifts, e.g. ffsyn:1,ffw:3: no
   * validation for those variants), probe (false: also evaluate every trained network with the rows
   * reordered and with its delays zeroed, {@link StreamProbes}).
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String s : args) {
      int eq = s.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("arguments are key=value, got '" + s + "'");
      }
      a.put(s.substring(0, eq), s.substring(eq + 1));
    }
    ImageStreamParams stream = new ImageStreamParams(num(a, "rows", 1), num(a, "threshold", 128), num(a, "silence", 16),
        ImageStreamParams.Order.parse(a.getOrDefault("order", "rows")));
    ImageStreamData data = new ImageStreamData(a.getOrDefault("dataset", "fashion-mnist"), stream, num(a, "train", 3000),
        num(a, "test", 2000));
    int maxDelay = num(a, "maxDelay", 16);
    int epochs = num(a, "epochs", 20);
    int last = num(a, "last", 5);
    int threads = num(a, "threads", 2);
    int selectEpochs = num(a, "selectEpochs", 10);
    List<NumericForm> forms = Arrays.stream(a.getOrDefault("forms", "INT,HARDWARE").split(","))
        .map(NumericForm::valueOf).toList();
    long[] seeds = Arrays.stream(a.getOrDefault("seeds", "1,2").split(",")).mapToLong(Long::parseLong).toArray();
    int[] leaks = Arrays.stream(a.getOrDefault("leaks", "1,2,3").split(",")).mapToInt(Integer::parseInt).toArray();
    List<String> only = a.containsKey("only") ? List.of(a.get("only").split(",")) : null;
    Map<String, Integer> fixed = new HashMap<>();
    if (a.containsKey("k")) {
      for (String kv : a.get("k").split(",")) {
        String[] p = kv.split(":");
        fixed.put(p[0], Integer.parseInt(p[1]));
      }
    }
    boolean probe = Boolean.parseBoolean(a.getOrDefault("probe", "false"));
    List<Variant> variants = VARIANTS.stream().filter(v -> only == null || only.contains(v.key())).toList();

    long t0 = System.nanoTime();
    Dataset train = data.train();
    Dataset val = data.validation(num(a, "val", 1000));
    Dataset test = data.test();
    System.out.printf(Locale.ROOT, "Data %s, stream %s: %s; validation %d; %s%n", data.dataset(), stream, train,
        val.size(), test);
    int probeSteps = probe ? test.shape()[1] - stream.silence() : -1;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      // 1. hidden leak shift per variant: the best mean of the last epochs on the validation set, hardware form, seed 1
      Map<Variant, List<Future<Run>>> grid = new LinkedHashMap<>();
      for (Variant v : variants) {
        if (fixed.containsKey(v.key())) {
          continue;
        }
        List<Future<Run>> fs = new ArrayList<>();
        for (int k : leaks) {
          ThreeFactorConfig c = config(v, k, NumericForm.HARDWARE, selectEpochs, 1, maxDelay);
          fs.add(pool.submit(() -> run(v, c, train, val, -1)));
        }
        grid.put(v, fs);
      }
      Map<Variant, Integer> chosen = new LinkedHashMap<>();
      Map<Variant, String> valText = new HashMap<>();
      for (Variant v : variants) {
        if (fixed.containsKey(v.key())) {
          chosen.put(v, fixed.get(v.key()));
          valText.put(v, "given");
          continue;
        }
        int best = -1;
        double bestAcc = -1;
        List<String> parts = new ArrayList<>();
        for (Future<Run> f : grid.get(v)) {
          Run r = f.get();
          parts.add(String.format(Locale.ROOT, "%d: %.1f", r.leak(), 100 * r.lastMean(last)));
          if (r.lastMean(last) > bestAcc) {
            bestAcc = r.lastMean(last);
            best = r.leak();
          }
        }
        chosen.put(v, best);
        valText.put(v, String.join(" / ", parts));
        System.err.printf(Locale.ROOT, "%s: validation %s -> k = %d (%.0f s)%n", v.name(), valText.get(v), best,
            (System.nanoTime() - t0) / 1e9);
      }
      // 2. the chosen leak in every form and seed, on the test set
      List<Future<Run>> runs = new ArrayList<>();
      for (Variant v : variants) {
        for (long seed : seeds) {
          for (NumericForm form : forms) {
            ThreeFactorConfig c = config(v, chosen.get(v), form, epochs, seed, maxDelay);
            runs.add(pool.submit(() -> run(v, c, train, test, probeSteps)));
          }
        }
      }
      System.out.printf(Locale.ROOT, "%n%d epochs, mean of the last %d; hidden leak shift k chosen on validation "
          + "(hardware form, seed 1, %d epochs, mean of the last %d, %%) unless given%n%n", epochs, last, selectEpochs, last);
      System.out.println("| variant | hidden | weights | delays | total | k (validation) | seed | form | test, last epoch"
          + " | test, mean of last " + last + " | s |" + (probe ? " exported, IntSimulator | rows reversed | rows permuted | delays 0 |" : ""));
      System.out.println("|---|---|---|---|---|---|---|---|---|---|---|" + (probe ? "---|---|---|---|" : ""));
      Map<String, List<Double>> means = new LinkedHashMap<>();
      for (Future<Run> f : runs) {
        Run r = f.get();
        var pc = r.engine().parameters();
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d (%s) | %d | %s | %.1f %% | %.1f %% | %.0f |%s%n",
            r.v().name(), r.v().hidden(), pc.weights(), pc.delays(), pc.total(), r.leak(), valText.get(r.v()), r.seed(),
            r.form(), 100 * r.last(), 100 * r.lastMean(last), r.seconds(), probeText(r.probe()));
        means.computeIfAbsent(r.v().name() + " | " + r.form(), x -> new ArrayList<>()).add(r.lastMean(last));
      }
      System.out.println();
      System.out.println("| variant | form | mean over seeds of the last-" + last + " means |");
      System.out.println("|---|---|---|");
      means.forEach((key, list) -> System.out.printf(Locale.ROOT, "| %s | %.1f %% |%n", key,
          100 * list.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
      System.out.printf(Locale.ROOT, "%nTotal wall time %.0f s on %d threads%n", (System.nanoTime() - t0) / 1e9, threads);
    } catch (Exception | Error e) {
      pool.shutdownNow(); // one failed run ends the benchmark: the others are not waited for
      throw e;
    } finally {
      pool.shutdown();
    }
  }

  /**
   * The configuration of a variant: the preset's neurons and surrogate with the hidden leak shift k and
   * delays up to {@code maxDelay}, and the rates and targets tuned for ten classes (label output ≥ 8
   * spikes, the others ≤ 2; hidden, recurrent and delay rates 2^−10, output 2^−8).
   */
  static ThreeFactorConfig config(Variant v, int leak, NumericForm form, int epochs, long seed, int maxDelay) {
    ThreeFactorConfig base = ThreeFactorConfig.preset(v.hidden(), v.recurrent(), v.mode(), form);
    NeuronParams h = base.shape().hiddenNeuron();
    NetworkShape shape = new NetworkShape(v.hidden(), v.recurrent(), v.mode(), maxDelay,
        new NeuronParams(h.threshold(), leak, h.membraneWidth(), h.weightWidth()), base.shape().outputNeuron());
    LearningParams p = base.learning();
    LearningParams tuned = new LearningParams(p.feedback(), p.surrogateSigma(), p.kernelSigma(), p.kernelRadius(),
        p.kappaShift(), TARGET_ON, TARGET_OFF, -10, -10, -8, -10);
    return base.withShape(shape).withLearning(tuned).withEpochs(epochs).withSeed(seed);
  }

  /** Spikes the label output must reach. */
  static final int TARGET_ON = 8;
  /** Spikes no other output may exceed. */
  static final int TARGET_OFF = 2;

  /** The probe columns: test accuracy of the exported network as trained, with the rows reversed, permuted, and with the delays zeroed. */
  private static String probeText(StreamProbes.Result p) {
    if (p == null) {
      return "";
    }
    String zeroed = Double.isNaN(p.delaysZeroed()) ? "—" : String.format(Locale.ROOT, "%.1f %%", 100 * p.delaysZeroed());
    return String.format(Locale.ROOT, " %.1f %% | %.1f %% | %.1f %% | %s |", 100 * p.asTrained(), 100 * p.reversed(),
        100 * p.permuted(), zeroed);
  }

  /** Trains {@code c}; with {@code probeSteps} ≥ 0 (the image steps of a sample) probes the trained network. */
  private static Run run(Variant v, ThreeFactorConfig c, Dataset train, Dataset eval, int probeSteps) throws Exception {
    EpochCurve curve = EpochCurve.train(c, train, eval);
    StreamProbes.Result p = probeSteps < 0 ? null : StreamProbes.of(curve.engine().intNetwork(), eval, probeSteps);
    return new Run(v, c.shape().hiddenNeuron().leakShift(), c.form(), c.seed(), curve, p);
  }

  private static int num(Map<String, String> a, String key, int def) {
    return a.containsKey(key) ? Integer.parseInt(a.get(key)) : def;
  }
}
