package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.learning.threefactor.LearningSignal;
import dev.spikeforge.golden.learning.threefactor.OutputError;
import dev.spikeforge.golden.learning.threefactor.Traces;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.readout.Readout;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.train.SampleOutcome;
import java.util.List;

/** The float form: inputs → hidden (delays, optional recurrence) → output, spike-count readout. */
public final class FloatThreeFactorModel implements ThreeFactorModel {
  private final ThreeFactorConfig cfg;
  private final int steps;
  private final int classes;
  final FloatLayerLearner hidden;
  final FloatLayerLearner output;
  private final double[][] randomFeedback;
  /** Hidden spikes emitted by the training passes so far (a statistic, not part of the state). */
  private long hiddenSpikes;

  FloatThreeFactorModel(ThreeFactorConfig cfg, InitialNetwork init, int inputs, int classes, int steps) {
    this.cfg = cfg;
    this.steps = steps;
    this.classes = classes;
    NetworkShape s = cfg.shape();
    double scale = Math.scalb(1.0, -cfg.intFormat().delayFracBits());
    hidden = new FloatLayerLearner("hidden", inputs, s.hidden(), s.delayMode(), s.recurrent(), s.maxDelay(),
        s.hiddenNeuron(), cfg.learning(), init.hidden(), init.recurrent(), scaled(init.axonalShadow(), scale),
        scaled(init.synapticShadow(), scale), scaled(init.recurrentDelayShadow(), scale));
    output = new FloatLayerLearner("output", s.hidden(), classes, DelayMode.NONE, false, 0, s.outputNeuron(),
        cfg.learning(), init.output(), null, null, null, null);
    randomFeedback = init.feedback() == null ? null : FloatLayerLearner.toDouble(init.feedback());
  }

  /** Creates the float model of a config for data with {@code inputs} channels, {@code classes} classes, T steps. */
  public static FloatThreeFactorModel create(ThreeFactorConfig cfg, int inputs, int classes, int steps) {
    return new FloatThreeFactorModel(cfg, InitialNetwork.generate(cfg, inputs, classes), inputs, classes, steps);
  }

  @Override
  public NumericForm form() {
    return NumericForm.FLOAT;
  }

  @Override
  public SampleOutcome train(SpikeRaster input, int label, int epoch, long position) {
    double[] y = new double[classes];
    int[] counts = new int[classes];
    long hs = TwoLayerPass.run(hidden, output, steps, input, counts, null, outputTraces(y));
    LearningParams lp = cfg.learning();
    double[] delta = OutputError.deltas(y, label, lp.targetOn(), lp.targetOff());
    double[][] b = lp.feedback() == FeedbackMode.SYMMETRIC ? LearningSignal.symmetric(output.w) : randomFeedback;
    double[] lh = LearningSignal.of(b, delta);
    output.update(delta, lp.etaOutput(), 0, 0);
    hidden.update(lh, lp.etaHidden(), lp.etaRecurrent(), lp.etaDelay());
    double loss = 0;
    for (double d : delta) {
      loss += 0.5 * d * d;
    }
    hiddenSpikes += hs;
    int prediction = Readout.argmax(counts);
    return new SampleOutcome(prediction, prediction == label && Readout.uniqueMax(counts), loss);
  }

  @Override
  public long hiddenSpikes() {
    return hiddenSpikes;
  }

  @Override
  public SpikeRaster[] forward(SpikeRaster input) {
    return TwoLayerPass.forward(hidden, output, steps, input, outputTraces(new double[classes]));
  }

  /** The output traces y of the readout, advanced in place each step. */
  private TwoLayerPass.OutputTraces outputTraces(double[] y) {
    double kappa = cfg.learning().kappa();
    return fired -> {
      for (int k = 0; k < classes; k++) {
        y[k] = Traces.step(y[k], kappa, fired[k] ? 1 : 0);
      }
    };
  }

  /** The trained network for {@code FloatSimulator}: forward (rounded) delays, real weights. */
  public FloatNetwork export() {
    return new FloatNetwork("three_factor_float", hidden.in, steps, List.of(hidden.export(), output.export()),
        ReadoutSpec.spikeCount());
  }

  @Override
  public EvalReport evaluate(Dataset data, int threads) {
    return Evaluator.evaluate(export(), data, null, threads, null);
  }

  private static double[] scaled(long[] a, double s) {
    if (a == null) {
      return null;
    }
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] * s;
    }
    return d;
  }

  private static double[][] scaled(long[][] a, double s) {
    if (a == null) {
      return null;
    }
    double[][] d = new double[a.length][];
    for (int j = 0; j < a.length; j++) {
      d[j] = scaled(a[j], s);
    }
    return d;
  }

  @Override
  public byte[] state() {
    return StateCodec.encode(hidden, output);
  }

  @Override
  public void restore(byte[] state) {
    StateCodec.decode(state, hidden, output);
  }
}
