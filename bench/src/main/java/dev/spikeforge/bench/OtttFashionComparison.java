package dev.spikeforge.bench;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.FashionMnist;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.TrainResult;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.golden.train.rules.LearningRule;
import dev.spikeforge.golden.train.rules.LearningRules;
import dev.spikeforge.golden.train.rules.RuleConfig;
import dev.spikeforge.golden.train.rules.RuleOptions;
import dev.spikeforge.golden.train.threefactor.InitParams;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.golden.train.threefactor.ThreeFactorTraining;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One learning rule on Fashion-MNIST (all 60,000 training and 10,000 test images, rate coding, T =
 * 20) for docs/benchmarks.md, "Online training through time": every rule trains through the one
 * {@code Trainer}, one epoch per call (resumed from its checkpoint), and after every epoch the
 * exported network (integer or float) is evaluated by {@code Evaluator} with the same encoder.
 *
 * <pre>
 * OtttFashionComparison RULE PRECISION ARCH EPOCHS OUT_DIR [--option value ...]
 *   RULE: ottt or desire (through the registry, with the given rule options), or eprop (the
 *   three-factor preset with no delays, built directly: its registry entry takes spike rasters only,
 *   and its initial weights scaled to the fan-in, Kaiming-like)
 * </pre>
 *
 * Prints one line per epoch: epoch, test accuracy, training seconds of the epoch, samples/s. {@code
 * -DtrainLimit=N} trains on the first N training images, {@code -DtestLimit=N} tests on the first N
 * test images (defaults: all).
 */
public final class OtttFashionComparison {
  private OtttFashionComparison() {}

  public static void main(String[] args) throws Exception {
    String rule = args[0];
    String precision = args[1];
    int[] sizes = Arrays.stream(args[2].split("-")).mapToInt(Integer::parseInt).toArray();
    int epochs = Integer.parseInt(args[3]);
    Path out = Path.of(args[4]);
    Files.createDirectories(out);
    Dataset train = FashionMnist.load(Split.TRAIN);
    Dataset test = FashionMnist.load(Split.TEST);
    int trainLimit = Integer.getInteger("trainLimit", train.size());
    int testLimit = Integer.getInteger("testLimit", test.size());
    train = train.slice(0, Math.min(trainLimit, train.size()));
    test = test.slice(0, Math.min(testLimit, test.size()));
    RateEncoder enc = new RateEncoder();
    int threads = 1;
    try (TrainingEngine engine = engine(rule, precision, sizes, train, Arrays.copyOfRange(args, 5, args.length))) {
      Path ck = out.resolve("checkpoint.sfck");
      System.out.printf(Locale.ROOT, "%s %s %s T=%d, %d training and %d test images %s%n", rule, precision, args[2],
          engine.timesteps(), train.size(), test.size(), engine.describe());
      double total = 0;
      for (int e = 1; e <= epochs; e++) {
        TrainOptions o = TrainOptions.of(e, 1).withCheckpoint(ck, 0).withEvalThreads(threads).withResume(e > 1)
            .withData(Map.of("dataset", "fashion-mnist"));
        TrainResult r = Trainer.run(engine, train, train.slice(0, 0), enc, o, TrainListener.NONE);
        total += r.trainSeconds();
        double acc = engine.intNetwork() != null
            ? Evaluator.evaluate(engine.intNetwork(), test, enc, threads, null).accuracy()
            : Evaluator.evaluate(engine.floatNetwork(), test, enc, threads, null).accuracy();
        System.out.printf(Locale.ROOT, "epoch %d test %.2f %% train %.1f s (%.0f samples/s) total train %.1f s%n", e,
            100 * acc, r.trainSeconds(), train.size() / r.trainSeconds(), total);
      }
    }
  }

  private static TrainingEngine engine(String rule, String precision, int[] sizes, Dataset train, String[] opts) {
    if (rule.equals("eprop")) {
      NumericForm form = precision.equals("int") ? NumericForm.INT : NumericForm.FLOAT;
      // the preset's init is for 16 input channels; scale it to the fan-in: uniform with the Kaiming sigma
      double sh = Math.sqrt(3) * Math.sqrt(2.0 / sizes[0]);
      double so = Math.sqrt(3) * Math.sqrt(2.0 / sizes[1]);
      ThreeFactorConfig cfg = ThreeFactorConfig.preset(sizes[1], false, DelayMode.NONE, form).withSeed(1)
          .withInit(new InitParams(0, sh, 0, 0, so));
      return ThreeFactorTraining.engine(cfg, sizes[0], sizes[2], 20);
    }
    LearningRule r = LearningRules.get(rule);
    Map<String, Object> given = new HashMap<>();
    for (int i = 0; i < opts.length; i += 2) {
      String name = opts[i];
      String v = opts[i + 1];
      Object value = switch (r.options().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow().kind()) {
        case INT -> Integer.parseInt(v);
        case INTS -> Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
        case REAL -> Double.parseDouble(v);
        case REALS -> Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
        default -> v;
      };
      given.put(name, value);
    }
    RuleConfig c = new RuleConfig(sizes, "fashion-mnist", precision, 1, null, null, 1, RuleOptions.of(r, given));
    return r.engine(c, train);
  }
}
