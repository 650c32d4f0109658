package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.spec.hw.DelayMode;

/**
 * What the hardware form's learning unit holds of one layer's feedforward synapses after a training sample
 * (docs/learning.md Part II §9.2–9.3), and what the sample's update walk made of them: the input to a
 * replay (presynaptic trains, surrogate codes, the forward delays and weights the sample ran with, the
 * learning signals) and the shadow weights and delays before and after the walk. A unit, or a test of its
 * replay datapath, reproduces {@code shadowWeightsAfter} and {@code shadowDelaysAfter} from the rest.
 * A recurrent hidden layer's recurrent shadows are recorded in {@link SampleReplay#recurrent}. Arrays are the record's own copies.
 *
 * @param mode the layer's delay mode (the output layer: NONE)
 * @param leakShift k of the layer's neurons (the traces' leak)
 * @param kappaShift κ shift of the eligibilities
 * @param presynaptic {@code [i][t]}: presynaptic unit i spiked at step t
 * @param codes {@code [j][t]}: surrogate-table code of neuron j at step t
 * @param delays {@code [j][i]}: the forward delay synapse (j, i) ran with (axonal: the input's; NONE: 0)
 * @param weights {@code [j][i]}: the forward weight the sample ran with
 * @param signals {@code [j]}: L_j (hidden layer) or δ_j (output layer)
 * @param shadowWeightsBefore {@code [j][i]} before the walk
 * @param shadowWeightsAfter {@code [j][i]} after the walk
 * @param shadowDelaysBefore SYNAPTIC {@code [j][i]}, AXONAL {@code [0][i]}, NONE null
 * @param shadowDelaysAfter as {@code shadowDelaysBefore}, after the walk
 */
public record LayerReplay(DelayMode mode, int leakShift, int kappaShift, boolean[][] presynaptic, int[][] codes,
    int[][] delays, int[][] weights, long[] signals, long[][] shadowWeightsBefore, long[][] shadowWeightsAfter,
    long[][] shadowDelaysBefore, long[][] shadowDelaysAfter) {

  /** Presynaptic units (rows of the walk). */
  public int inputs() {
    return presynaptic.length;
  }

  /** Neurons. */
  public int size() {
    return codes.length;
  }

  /** What {@code layer} holds before its walk: the shadows and forward values it will be updated from. */
  static Before before(IntLayerLearner layer) {
    long[][] d = layer.synaptic != null ? IntLayerLearner.copy(layer.synaptic)
        : layer.axonal != null ? new long[][] {layer.axonal.clone()} : null;
    return new Before(IntLayerLearner.copy(layer.wS), IntLayerLearner.copy(layer.w), d);
  }

  /** The record of {@code layer} after its walk, from {@code before} and the walk's learning signals. */
  static LayerReplay of(ReplayLayerLearner layer, Before before, long[] signals) {
    int steps = layer.inHist.length == 0 ? 0 : layer.inHist[0].length;
    int[][] codes = new int[layer.size][steps];
    int[][] delays = new int[layer.size][layer.in];
    for (int j = 0; j < layer.size; j++) {
      for (int t = 0; t < steps; t++) {
        codes[j][t] = layer.code(j, t);
      }
      for (int i = 0; i < layer.in; i++) {
        delays[j][i] = layer.delay(j, i);
      }
    }
    boolean[][] pre = new boolean[layer.in][];
    for (int i = 0; i < layer.in; i++) {
      pre[i] = layer.inHist[i].clone();
    }
    long[][] after = layer.synaptic != null ? IntLayerLearner.copy(layer.synaptic)
        : layer.axonal != null ? new long[][] {layer.axonal.clone()} : null;
    return new LayerReplay(layer.mode, layer.leakShift, layer.kappaShift, pre, codes, delays, before.weights,
        signals.clone(), before.shadowWeights, IntLayerLearner.copy(layer.wS), before.shadowDelays, after);
  }

  /** A layer's shadows and forward weights before its walk. */
  record Before(long[][] shadowWeights, int[][] weights, long[][] shadowDelays) {}
}
