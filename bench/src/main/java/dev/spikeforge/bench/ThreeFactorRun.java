package dev.spikeforge.bench;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternParams;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.data.ImageStreamParams;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.train.EpochMetrics;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainResult;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.threefactor.InitParams;
import dev.spikeforge.golden.train.threefactor.LearningParams;
import dev.spikeforge.golden.train.threefactor.NetworkShape;
import dev.spikeforge.golden.train.threefactor.NeuronParams;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.golden.train.threefactor.ThreeFactorEngine;
import dev.spikeforge.golden.train.threefactor.ThreeFactorTraining;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One three-factor training run with every knob as a {@code key=value} argument (defaults: {@link
 * ThreeFactorConfig#preset}); prints per-epoch metrics. For exploring settings; the benchmark table
 * comes from {@link ThreeFactorDelayLearning}.
 */
public final class ThreeFactorRun {
  private ThreeFactorRun() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> a = new HashMap<>();
    for (String s : args) {
      int eq = s.indexOf('=');
      a.put(s.substring(0, eq), s.substring(eq + 1));
    }
    ThreeFactorConfig cfg = configure(a);
    long t0 = System.nanoTime();
    ImageStreamData stream = imageStream(a, cfg);
    Dataset train;
    Dataset test;
    if (stream == null) {
      DelayPatternTask task = new DelayPatternTask(cfg.task());
      train = task.trainSet(cfg.trainSize());
      test = task.testSet(cfg.testSize());
    } else {
      train = stream.train();
      test = stream.test();
      System.out.println("data " + stream + ": " + train + " / " + test);
    }
    try (ThreeFactorEngine engine = ThreeFactorTraining.engine(cfg, train, test)) {
      java.util.List<Double> accs = new java.util.ArrayList<>();
      TrainResult r = Trainer.run(engine, train, test, null, ThreeFactorTraining.options(cfg), new TrainListener() {
        private long spikes;

        @Override
        public void onEpoch(EpochMetrics m, double trainSeconds, double testSeconds) {
          long now = engine.hiddenSpikes();
          accs.add(m.testAccuracy());
          System.out.printf(Locale.ROOT, "epoch %2d train %.3f loss %.3f test %.3f hiddenSpikes %.1f (%.1f s)%n",
              m.epoch(), m.trainAccuracy(), m.trainLoss(), m.testAccuracy(), (now - spikes) / (double) m.trainSamples(),
              trainSeconds + testSeconds);
          spikes = now;
        }
      });
      double lastTen = accs.subList(Math.max(0, accs.size() - 10), accs.size()).stream()
          .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      System.out.printf(Locale.ROOT, "final test %.4f mean of last 10 %.4f params %d (+%d delays) %.1f s%n",
          r.epochs().get(r.epochs().size() - 1).testAccuracy(), lastTen, engine.parameters().weights(),
          engine.parameters().delays(), (System.nanoTime() - t0) / 1e9);
    }
  }

  /**
   * The image stream of {@code stream=fashion-mnist|mnist-subset} (keys {@code rows}, {@code threshold},
   * {@code silence}, {@code order}; sizes {@code train}, {@code test}), or null for the delay task.
   */
  static ImageStreamData imageStream(Map<String, String> a, ThreeFactorConfig cfg) {
    if (!a.containsKey("stream")) {
      return null;
    }
    ImageStreamParams d = ImageStreamParams.DEFAULT;
    ImageStreamParams p = new ImageStreamParams(i(a, "rows", d.rowsPerStep()), i(a, "threshold", d.threshold()),
        i(a, "silence", d.silence()), ImageStreamParams.Order.parse(a.getOrDefault("order", d.order().name())));
    return new ImageStreamData(a.get("stream"), p, cfg.trainSize(), cfg.testSize());
  }

  static ThreeFactorConfig configure(Map<String, String> a) {
    NumericForm form = NumericForm.valueOf(a.getOrDefault("form", "FLOAT"));
    DelayMode mode = DelayMode.valueOf(a.getOrDefault("mode", "SYNAPTIC"));
    boolean rec = Boolean.parseBoolean(a.getOrDefault("recurrent", "false"));
    int hidden = Integer.parseInt(a.getOrDefault("hidden", "16"));
    ThreeFactorConfig base = ThreeFactorConfig.preset(hidden, rec, mode, form);
    NetworkShape s = base.shape();
    NeuronParams hn = new NeuronParams(l(a, "thetaH", s.hiddenNeuron().threshold()), i(a, "leakH",
        s.hiddenNeuron().leakShift()), 16, 8);
    NeuronParams on = new NeuronParams(l(a, "thetaO", s.outputNeuron().threshold()), i(a, "leakO",
        s.outputNeuron().leakShift()), 16, 8);
    s = new NetworkShape(hidden, rec, mode, i(a, "maxDelay", s.maxDelay()), hn, on);
    LearningParams lp = base.learning();
    lp = new LearningParams(FeedbackMode.valueOf(a.getOrDefault("feedback", lp.feedback().name())),
        d(a, "sigma", lp.surrogateSigma()), d(a, "kSigma", lp.kernelSigma()), i(a, "kRadius", lp.kernelRadius()),
        i(a, "kappa", lp.kappaShift()), i(a, "on", lp.targetOn()), i(a, "off", lp.targetOff()),
        i(a, "lrH", lp.lrLog2Hidden()), i(a, "lrR", lp.lrLog2Recurrent()), i(a, "lrO", lp.lrLog2Output()),
        i(a, "lrD", lp.lrLog2Delay()));
    InitParams ip = base.init();
    ip = new InitParams(d(a, "hMean", ip.hiddenMean()), d(a, "hSpread", ip.hiddenSpread()),
        d(a, "rSpread", ip.recurrentSpread()), d(a, "oMean", ip.outputMean()), d(a, "oSpread", ip.outputSpread()));
    DelayPatternParams t = base.task();
    t = new DelayPatternParams(i(a, "classes", t.classes()), i(a, "channels", t.channels()), i(a, "steps", t.steps()),
        i(a, "lag", t.maxLag()), i(a, "jitter", t.jitter()), i(a, "noise", t.noiseSpikes()), l(a, "taskSeed", t.seed()));
    dev.spikeforge.golden.learning.threefactor.IntLearningFormat f = base.intFormat();
    f = new dev.spikeforge.golden.learning.threefactor.IntLearningFormat(i(a, "fw", f.weightFracBits()),
        i(a, "fd", f.delayFracBits()), i(a, "psiShift", f.psiShift()), i(a, "psiHalf", f.psiHalf()),
        i(a, "psiFrac", f.psiFracBits()), i(a, "fx", f.traceFracBits()), i(a, "pg", f.derivFracBits()),
        f.outputFracBits(), i(a, "elig", f.eligibilityWidth()), i(a, "fbw", f.feedbackWidth()),
        i(a, "sr", f.roundingBits()));
    return base.withShape(s).withLearning(lp).withInit(ip).withIntFormat(f)
        .withTask(t, i(a, "train", base.trainSize()), i(a, "test", base.testSize()))
        .withEpochs(i(a, "epochs", base.epochs())).withSeed(l(a, "seed", base.seed()));
  }

  private static int i(Map<String, String> a, String k, int def) {
    return a.containsKey(k) ? Integer.parseInt(a.get(k)) : def;
  }

  private static long l(Map<String, String> a, String k, long def) {
    return a.containsKey(k) ? Long.parseLong(a.get(k)) : def;
  }

  private static double d(Map<String, String> a, String k, double def) {
    return a.containsKey(k) ? Double.parseDouble(a.get(k)) : def;
  }
}
