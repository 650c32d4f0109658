package dev.spikeforge.golden.train.stdp;

import dev.spikeforge.golden.network.DesireTopology;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.ResetMode;
import java.util.List;

/**
 * The network an STDP run hands on (docs/learning.md Part IV §4): the recurrent hidden layer (its
 * delays when D > 1) and a spiking readout layer of non-leaky integrate-and-fire neurons, reset by
 * subtraction, whose weights are the readout's {@code W} times the gain {@code g = T/2}: a class
 * whose score {@code W·counts} is s receives {@code g·s} thresholds over the sample and fires about
 * that many times, so the spike-count decision approximates the linear classifier's argmax (its loss
 * is measured: docs/benchmarks.md).
 */
final class StdpNetworks {
  private StdpNetworks() {}

  /** The gain of the readout layer: a score of 1 is T/2 threshold crossings. */
  static double gain(StdpConfig cfg) {
    return cfg.timesteps() / 2.0;
  }

  static FloatNetwork floatNetwork(StdpConfig cfg, FloatStdpLayer l, double[][] w) {
    int d = cfg.maxDelay() > 1 ? cfg.maxDelay() : 0;
    FloatLayer hidden = new FloatLayer(DesireTopology.layerName(0), LayerKind.DENSE, cfg.inputs(), cfg.hidden(),
        l.threshold(), l.leak(), ResetMode.SUBTRACT, l.weight, d, null, null, l.recWeight, l.delays, l.leaks());
    double g = gain(cfg);
    double[][] scaled = new double[w.length][];
    for (int k = 0; k < w.length; k++) {
      scaled[k] = new double[w[k].length];
      for (int j = 0; j < w[k].length; j++) {
        scaled[k][j] = g * w[k][j];
      }
    }
    FloatLayer out = new FloatLayer(DesireTopology.layerName(1), LayerKind.DENSE, cfg.hidden(), cfg.classes(), 1.0, 1.0,
        ResetMode.SUBTRACT, scaled, 0, null, null, null, null);
    return new FloatNetwork("stdp", cfg.inputs(), cfg.timesteps(), List.of(hidden, out), ReadoutSpec.spikeCount());
  }

  static NetworkSpec intNetwork(StdpConfig cfg, IntStdpLayer l, double[][] w) {
    int d = cfg.maxDelay() > 1 ? cfg.maxDelay() : 0;
    LayerSpec hidden = new LayerSpec(DesireTopology.layerName(0), LayerKind.DENSE, cfg.inputs(), cfg.hidden(),
        cfg.weightBits(), IntStdpLayer.neuron(cfg), l.weight, d, null, null, l.recWeight, l.delays, l.leakShifts);
    int q = readoutShift(cfg, w);
    double scale = Math.scalb(gain(cfg), q);
    int[][] wq = new int[w.length][];
    for (int k = 0; k < w.length; k++) {
      wq[k] = new int[w[k].length];
      for (int j = 0; j < w[k].length; j++) {
        wq[k][j] = Fx.saturateSigned(Math.round(scale * w[k][j]), cfg.weightBits());
      }
    }
    NeuronSpec n = new NeuronSpec(cfg.membraneBits(), 1L << q, 0, ResetMode.SUBTRACT);
    LayerSpec out = new LayerSpec(DesireTopology.layerName(1), LayerKind.DENSE, cfg.hidden(), cfg.classes(),
        cfg.weightBits(), n, wq, 0, null, null, null, null);
    return DesireTopology.intNetwork("stdp", cfg.timesteps(), List.of(hidden, out));
  }

  /**
   * The integer readout's threshold shift q (threshold {@code 2^q}): the largest q ≤ M − 2 at which
   * the largest {@code |g·W|·2^q} fits B signed bits (0 when none does; the weights then saturate).
   */
  static int readoutShift(StdpConfig cfg, double[][] w) {
    double max = 0;
    for (double[] row : w) {
      for (double x : row) {
        max = Math.max(max, Math.abs(x) * gain(cfg));
      }
    }
    long limit = Fx.max(cfg.weightBits(), true);
    int q = cfg.membraneBits() - 2;
    while (q > 0 && Math.scalb(max, q) > limit) {
      q--;
    }
    return q;
  }
}
