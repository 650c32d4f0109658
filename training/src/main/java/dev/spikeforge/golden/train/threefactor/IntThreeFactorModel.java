package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.learning.threefactor.DerivativeLut;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.learning.threefactor.GaussianDerivativeKernel;
import dev.spikeforge.golden.learning.threefactor.GaussianSurrogate;
import dev.spikeforge.golden.learning.threefactor.IntLearningFormat;
import dev.spikeforge.golden.learning.threefactor.LearningSignal;
import dev.spikeforge.golden.learning.threefactor.OutputError;
import dev.spikeforge.golden.learning.threefactor.SurrogateLut;
import dev.spikeforge.golden.learning.threefactor.Traces;
import dev.spikeforge.golden.learning.threefactor.UpdateRounding;
import dev.spikeforge.golden.numerics.NumericsContract;
import dev.spikeforge.golden.readout.Readout;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.train.SampleOutcome;
import java.util.List;

/**
 * The integer forms: {@link NumericForm#INT} (per-synapse accumulators updated every step, HALF_EVEN
 * updates) and {@link NumericForm#HARDWARE} (replay from stored histories, {@link ReplayLayerLearner},
 * with the format's update rounding: what the learning unit computes, docs/learning.md Part II §9);
 * both export a {@link NetworkSpec}.
 */
public final class IntThreeFactorModel implements ThreeFactorModel {
  private final ThreeFactorConfig cfg;
  private final int steps;
  private final int classes;
  final IntLayerLearner hidden;
  final IntLayerLearner output;
  private final int[][] randomFeedback;
  private final int shiftHidden;
  private final int shiftRecurrent;
  private final int shiftOutput;
  private final int shiftDelay;
  /** Hidden spikes emitted by the training passes so far (a statistic, not part of the state). */
  private long hiddenSpikes;
  /** δ and L of the last trained sample (for {@link #trainRecorded}; not part of the state). */
  private long[] lastDelta;
  private long[] lastSignal;
  /** Output spike counts of the last trained sample (for {@link ThreeFactorLearningReference}; not state). */
  private int[] lastCounts;

  IntThreeFactorModel(ThreeFactorConfig cfg, InitialNetwork init, int inputs, int classes, int steps) {
    this.cfg = cfg;
    this.steps = steps;
    this.classes = classes;
    NetworkShape s = cfg.shape();
    LearningParams lp = cfg.learning();
    IntLearningFormat f = cfg.intFormat();
    SurrogateLut lut = SurrogateLut.of(new GaussianSurrogate(lp.surrogateSigma()), f.psiShift(), f.psiHalf(),
        f.psiFracBits());
    DerivativeLut dlut = DerivativeLut.of(new GaussianDerivativeKernel(lp.kernelSigma(), lp.kernelRadius()),
        f.derivFracBits());
    if (cfg.form() == NumericForm.FLOAT) {
      throw new IllegalArgumentException("the integer model needs form INT or HARDWARE, not FLOAT");
    }
    if (cfg.form() == NumericForm.INT && f.stochastic()) {
      throw new IllegalArgumentException("stochastic update rounding (roundingBits " + f.roundingBits()
          + ") belongs to the hardware form: use NumericForm.HARDWARE, or roundingBits 0 for the integer form");
    }
    if (cfg.form() == NumericForm.HARDWARE) {
      hidden = new ReplayLayerLearner("hidden", inputs, s.hidden(), s.delayMode(), s.recurrent(), s.maxDelay(),
          s.hiddenNeuron(), lp, f, lut, dlut, init.hidden(), init.recurrent(), init.axonalShadow(),
          init.synapticShadow(), init.recurrentDelayShadow());
      output = new ReplayLayerLearner("output", s.hidden(), classes, DelayMode.NONE, false, 0, s.outputNeuron(), lp,
          f, lut, dlut, init.output(), null, null, null, null);
    } else {
      hidden = new IntLayerLearner("hidden", inputs, s.hidden(), s.delayMode(), s.recurrent(), s.maxDelay(),
          s.hiddenNeuron(), lp, f, lut, dlut, init.hidden(), init.recurrent(), init.axonalShadow(),
          init.synapticShadow(), init.recurrentDelayShadow());
      output = new IntLayerLearner("output", s.hidden(), classes, DelayMode.NONE, false, 0, s.outputNeuron(), lp, f,
          lut, dlut, init.output(), null, null, null, null);
    }
    randomFeedback = init.feedback();
    shiftHidden = f.weightShift(lp.lrLog2Hidden());
    shiftRecurrent = f.weightShift(lp.lrLog2Recurrent());
    shiftOutput = f.weightShift(lp.lrLog2Output());
    shiftDelay = f.delayShift(lp.lrLog2Delay());
  }

  /** Creates the integer model of a config (form INT or HARDWARE). */
  public static IntThreeFactorModel create(ThreeFactorConfig cfg, int inputs, int classes, int steps) {
    return new IntThreeFactorModel(cfg, InitialNetwork.generate(cfg, inputs, classes), inputs, classes, steps);
  }

  @Override
  public NumericForm form() {
    return cfg.form();
  }

  @Override
  public SampleOutcome train(SpikeRaster input, int label, int epoch, long position) {
    long[] y = new long[classes];
    int[] counts = new int[classes];
    long hs = TwoLayerPass.run(hidden, output, steps, input, counts, null, outputTraces(y));
    LearningParams lp = cfg.learning();
    int fy = cfg.intFormat().outputFracBits();
    long[] delta = OutputError.deltas(y, label, (long) lp.targetOn() << fy, (long) lp.targetOff() << fy);
    int[][] b = lp.feedback() == FeedbackMode.SYMMETRIC ? LearningSignal.symmetric(output.w) : randomFeedback;
    long[] lh = LearningSignal.of(b, delta);
    lastDelta = delta;
    lastSignal = lh;
    lastCounts = counts;
    int k = cfg.intFormat().roundingBits();
    output.update(delta, shiftOutput, 0, 0, UpdateRounding.forSample(k, cfg.seed(), 1, epoch, position));
    hidden.update(lh, shiftHidden, shiftRecurrent, shiftDelay,
        UpdateRounding.forSample(k, cfg.seed(), 0, epoch, position));
    double loss = 0;
    for (long d : delta) {
      double r = Math.scalb((double) d, -fy);
      loss += 0.5 * r * r;
    }
    hiddenSpikes += hs;
    int prediction = Readout.argmax(counts);
    return new SampleOutcome(prediction, prediction == label && Readout.uniqueMax(counts), loss);
  }

  /**
   * {@link #train} one sample and record what the learning unit holds of it (hardware form only): the
   * replay inputs and the shadows before and after the update walk of each layer's feedforward synapses, and
   * of a recurrent hidden layer's recurrent synapses.
   *
   * @throws IllegalStateException if the form is not HARDWARE
   */
  public SampleReplay trainRecorded(SpikeRaster input, int label, int epoch, long position) {
    if (!(hidden instanceof ReplayLayerLearner h) || !(output instanceof ReplayLayerLearner o)) {
      throw new IllegalStateException("only the hardware form replays from stored histories; the form is "
          + cfg.form());
    }
    LayerReplay.Before hb = LayerReplay.before(hidden);
    LayerReplay.Before ob = LayerReplay.before(output);
    long[][][] rb = SampleReplay.RecurrentShadows.of(hidden);
    SampleOutcome outcome = train(input, label, epoch, position);
    return new SampleReplay(outcome, LayerReplay.of(h, hb, lastSignal), LayerReplay.of(o, ob, lastDelta),
        SampleReplay.RecurrentShadows.after(hidden, rb));
  }

  /** The output spike counts, output errors δ and learning signals L of the last trained sample, or null before it. */
  int[] lastCounts() {
    return lastCounts == null ? null : lastCounts.clone();
  }

  long[] lastDeltas() {
    return lastDelta == null ? null : lastDelta.clone();
  }

  long[] lastSignals() {
    return lastSignal == null ? null : lastSignal.clone();
  }

  @Override
  public long hiddenSpikes() {
    return hiddenSpikes;
  }

  @Override
  public SpikeRaster[] forward(SpikeRaster input) {
    return TwoLayerPass.forward(hidden, output, steps, input, outputTraces(new long[classes]));
  }

  /** The integer output traces y of the readout, advanced in place each step. */
  private TwoLayerPass.OutputTraces outputTraces(long[] y) {
    int kappaShift = cfg.learning().kappaShift();
    int fy = cfg.intFormat().outputFracBits();
    return fired -> {
      for (int k = 0; k < classes; k++) {
        y[k] = Traces.step(y[k], kappaShift, Traces.spike(fired[k], fy));
      }
    };
  }

  /** The trained network in the hardware contract: forward weights and rounded delays. */
  public NetworkSpec export() {
    return new NetworkSpec("three_factor_int", NumericsContract.VERSION, hidden.in, steps,
        List.of(hidden.export(), output.export()), ReadoutSpec.spikeCount());
  }

  @Override
  public EvalReport evaluate(Dataset data, int threads) {
    return Evaluator.evaluate(export(), data, null, threads, null);
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
