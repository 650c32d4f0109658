package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.learning.threefactor.RandomFeedback;
import dev.spikeforge.golden.numerics.FixedFormat;
import dev.spikeforge.golden.numerics.Overflow;
import dev.spikeforge.golden.numerics.Rounding;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.DelayMode;
import java.util.SplittableRandom;

/**
 * The seeded starting point shared by the float and the integer form: integer weights, shadow
 * delays with {@code F_d} fraction bits, and the random feedback matrix. Drawn from {@code
 * SplittableRandom(seed)} in this order: hidden weights (row-major), recurrent weights, output
 * weights, feedforward delays, recurrent delays. The random feedback comes from the LFSR ({@link
 * RandomFeedback}). Not hardware-visible except the feedback matrix.
 */
record InitialNetwork(int[][] hidden, int[][] recurrent, int[][] output, long[] axonalShadow,
    long[][] synapticShadow, long[][] recurrentDelayShadow, int[][] feedback) {

  static InitialNetwork generate(ThreeFactorConfig cfg, int inputs, int classes) {
    NetworkShape s = cfg.shape();
    InitParams p = cfg.init();
    int h = s.hidden();
    SplittableRandom rnd = new SplittableRandom(cfg.seed());
    int[][] hid = draw(rnd, h, inputs, s.hiddenNeuron(), p.hiddenMean(), p.hiddenSpread());
    int[][] rec = s.recurrent() ? draw(rnd, h, h, s.hiddenNeuron(), 0, p.recurrentSpread()) : null;
    int[][] out = draw(rnd, classes, h, s.outputNeuron(), p.outputMean(), p.outputSpread());
    int fd = cfg.intFormat().delayFracBits();
    long[] ax = null;
    long[][] syn = null;
    long[][] recD = null;
    if (s.delayMode() == DelayMode.AXONAL) {
      ax = new long[inputs];
      for (int i = 0; i < inputs; i++) {
        ax[i] = rnd.nextLong(((long) s.maxDelay() << fd) + 1);
      }
    } else if (s.delayMode() == DelayMode.SYNAPTIC) {
      syn = new long[h][inputs];
      for (int j = 0; j < h; j++) {
        for (int i = 0; i < inputs; i++) {
          syn[j][i] = rnd.nextLong(((long) s.maxDelay() << fd) + 1);
        }
      }
      if (s.recurrent()) {
        recD = new long[h][h];
        for (int j = 0; j < h; j++) {
          for (int k = 0; k < h; k++) {
            recD[j][k] = (1L << fd) + rnd.nextLong(((long) (s.maxDelay() - 1) << fd) + 1);
          }
        }
      }
    }
    int[][] fb = cfg.learning().feedback() == FeedbackMode.RANDOM
        ? RandomFeedback.generate(h, classes, cfg.intFormat().feedbackWidth(), cfg.seed())
        : null;
    return new InitialNetwork(hid, rec, out, ax, syn, recD, fb);
  }

  /**
   * The starting point of a network already made ({@code net}'s weights and delays, delays as shadows of
   * {@code fd} fraction bits) with this one's feedback matrix: the state a learning core compiled from {@code
   * net} starts from, the feedback being drawn from the seed as in training.
   */
  InitialNetwork startingFrom(NetworkSpec net, int fd) {
    LayerSpec h = net.layers().get(0);
    long[] ax = null;
    if (h.axonalDelays() != null) {
      ax = new long[h.inputSize()];
      for (int i = 0; i < ax.length; i++) {
        ax[i] = (long) h.axonalDelays()[i] << fd;
      }
    }
    return new InitialNetwork(h.weights(), h.recurrentWeights(), net.layers().get(1).weights(), ax,
        IntLayerLearner.shadow(h.synapticDelays(), fd), IntLayerLearner.shadow(h.recurrentDelays(), fd), feedback);
  }

  private static int[][] draw(SplittableRandom rnd, int rows, int cols, NeuronParams n, double mean, double spread) {
    FixedFormat f = new FixedFormat(n.weightWidth(), 0, true, Rounding.HALF_EVEN, Overflow.SATURATE);
    int[][] w = new int[rows][cols];
    for (int j = 0; j < rows; j++) {
      for (int i = 0; i < cols; i++) {
        w[j][i] = (int) f.quantize(n.threshold() * (mean + spread * (2 * rnd.nextDouble() - 1)));
      }
    }
    return w;
  }
}
