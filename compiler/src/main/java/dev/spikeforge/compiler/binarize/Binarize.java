package dev.spikeforge.compiler.binarize;

import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns DENSE float layers into BINARIZED ones: {@code w ↦ α · sign(w)} with {@code α = mean |w|}
 * over the layer (feedforward and recurrent weights together), sign(0) = +1, the ALBSNN form. The
 * quantizer later stores sign(w) as one bit and folds α into the threshold.
 */
public final class Binarize {
  private Binarize() {}

  /** α of a layer: mean |w| over all its weights. */
  public static double alpha(FloatLayer l) {
    double sum = 0;
    long n = 0;
    for (double[] row : l.weights()) {
      for (double w : row) {
        sum += Math.abs(w);
        n++;
      }
    }
    if (l.recurrentWeights() != null) {
      for (double[] row : l.recurrentWeights()) {
        for (double w : row) {
          sum += Math.abs(w);
          n++;
        }
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  /** Relative approximation error ‖W − α·sign W‖² / ‖W‖² (0 for an already binary layer). */
  public static double approximationError(FloatLayer l) {
    double a = alpha(l);
    double num = 0;
    double den = 0;
    for (double[] row : l.weights()) {
      for (double w : row) {
        double b = a * (w >= 0 ? 1 : -1);
        num += (w - b) * (w - b);
        den += w * w;
      }
    }
    return den == 0 ? 0 : num / den;
  }

  /** The BINARIZED twin of a layer. */
  public static FloatLayer layer(FloatLayer l) {
    double a = alpha(l);
    if (!(a > 0)) {
      throw new IllegalArgumentException("layer '" + l.name() + "' has only zero weights and cannot be binarized");
    }
    return new FloatLayer(l.name(), LayerKind.BINARIZED, l.inputSize(), l.size(), l.threshold(), l.leak(), l.reset(),
        signs(l.weights(), a), l.maxDelay(), l.axonalDelays(), l.synapticDelays(),
        l.recurrentWeights() == null ? null : signs(l.recurrentWeights(), a), l.recurrentDelays(), l.leaks());
  }

  /** The network with the named layers binarized. */
  public static FloatNetwork network(FloatNetwork net, Set<String> layers) {
    List<FloatLayer> out = new ArrayList<>();
    for (FloatLayer l : net.layers()) {
      out.add(layers.contains(l.name()) && l.kind() == LayerKind.DENSE ? layer(l) : l);
    }
    for (String name : layers) {
      if (net.layers().stream().noneMatch(l -> l.name().equals(name))) {
        throw new IllegalArgumentException("no layer named '" + name + "' in network '" + net.name() + "'");
      }
    }
    return new FloatNetwork(net.name(), net.inputSize(), net.timesteps(), out, net.readout(), net.encoder());
  }

  /**
   * The BINARIZED twin of an integer layer, in the integer domain: weight {@code sign(w)} (+1 for
   * 0), threshold {@code θ_b = round_half_up(θ / α) = ⌊(2θ·n + S) / (2S)⌋} with α = S / n the mean
   * |w| over its n feedforward and recurrent weights, clamped to 1..2^(M−1)−1; membrane, leak, reset
   * and delays unchanged. For θ = 2^q this is the integer trainer's starting point ({@code
   * DesireBackpropInt.binarizedThreshold}, docs/learning.md §11).
   */
  public static LayerSpec intLayer(LayerSpec l) {
    long sum = 0;
    long n = 0;
    for (int[] row : l.weights()) {
      for (int w : row) {
        sum += Math.abs(w);
        n++;
      }
    }
    if (l.recurrentWeights() != null) {
      for (int[] row : l.recurrentWeights()) {
        for (int w : row) {
          sum += Math.abs(w);
          n++;
        }
      }
    }
    if (sum == 0) {
      throw new IllegalArgumentException("layer '" + l.name() + "' has only zero weights and cannot be binarized");
    }
    NeuronSpec nr = l.neuron();
    long max = (1L << (nr.membraneWidth() - 1)) - 1;
    long theta = Math.max(1, Math.min(max, Math.floorDiv(Math.addExact(Math.multiplyExact(2 * nr.threshold(), n), sum),
        2 * sum)));
    return new LayerSpec(l.name(), LayerKind.BINARIZED, l.inputSize(), l.size(), 1,
        new NeuronSpec(nr.membraneWidth(), theta, nr.leakShift(), nr.reset()), intSigns(l.weights()), l.maxDelay(),
        l.axonalDelays(), l.synapticDelays(), l.recurrentWeights() == null ? null : intSigns(l.recurrentWeights()),
        l.recurrentDelays(), l.leakShifts());
  }

  /** The integer network with the named DENSE layers binarized by {@link #intLayer}. */
  public static NetworkSpec intNetwork(NetworkSpec net, Set<String> layers) {
    for (String name : layers) {
      if (net.layers().stream().noneMatch(l -> l.name().equals(name))) {
        throw new IllegalArgumentException("no layer named '" + name + "' in network '" + net.name() + "'");
      }
    }
    List<LayerSpec> out = new ArrayList<>();
    for (LayerSpec l : net.layers()) {
      out.add(layers.contains(l.name()) && l.kind() == LayerKind.DENSE ? intLayer(l) : l);
    }
    return new NetworkSpec(net.name(), net.numericsVersion(), net.inputSize(), net.timesteps(), out, net.readout(),
        net.encoder());
  }

  private static int[][] intSigns(int[][] m) {
    int[][] r = new int[m.length][];
    for (int j = 0; j < m.length; j++) {
      r[j] = new int[m[j].length];
      for (int i = 0; i < m[j].length; i++) {
        r[j][i] = m[j][i] >= 0 ? 1 : -1;
      }
    }
    return r;
  }

  private static double[][] signs(double[][] m, double a) {
    double[][] r = new double[m.length][];
    for (int j = 0; j < m.length; j++) {
      r[j] = new double[m[j].length];
      for (int i = 0; i < m[j].length; i++) {
        r[j][i] = m[j][i] >= 0 ? a : -a;
      }
    }
    return r;
  }
}
