package dev.spikeforge.golden.sim;

import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import java.util.function.UnaryOperator;

/** Small test helpers that derive networks from others. */
final class Networks {
  private Networks() {}

  static NetworkSpec map(NetworkSpec n, UnaryOperator<LayerSpec> f) {
    return new NetworkSpec(n.name(), n.numericsVersion(), n.inputSize(), n.timesteps(),
        n.layers().stream().map(f).toList(), n.readout());
  }

  static LayerSpec withLeak(LayerSpec l, int k) {
    NeuronSpec n = l.neuron();
    return new LayerSpec(l.name(), l.kind(), l.inputSize(), l.size(), l.weightWidth(),
        new NeuronSpec(n.membraneWidth(), n.threshold(), k, n.reset()), l.weights(), l.maxDelay(),
        l.axonalDelays(), l.synapticDelays(), l.recurrentWeights(), l.recurrentDelays());
  }

  /** Multiplies weights by {@code scale} (widening them) and sets the leak shift to k. */
  static LayerSpec scaled(LayerSpec l, int scale, int k) {
    int[][] w = l.weights();
    for (int[] row : w) {
      for (int i = 0; i < row.length; i++) {
        row[i] *= scale;
      }
    }
    int width = Math.min(16, l.weightWidth() + Integer.numberOfTrailingZeros(scale) + 1);
    NeuronSpec n = l.neuron();
    long threshold = Math.max(1, n.threshold()) * scale;
    return new LayerSpec(l.name(), l.kind(), l.inputSize(), l.size(), width,
        new NeuronSpec(32, threshold, k, n.reset()), w, 0, null, null, null, null);
  }
}
