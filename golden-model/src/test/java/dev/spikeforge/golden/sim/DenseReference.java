package dev.spikeforge.golden.sim;

import dev.spikeforge.golden.neuron.Lif;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutMode;

/**
 * A direct transcription of the network equations, with no events, ring buffers or other tricks:
 * {@code I_j[t] = Σ_i W_ji s_i[t − d_ji] + Σ_k R_jk z_k[t − r_jk]}, then {@link Lif#step}. Slow and
 * obviously right; the event-driven simulator must agree with it exactly.
 */
final class DenseReference {
  record Result(boolean[][][] spikes, long[][][] membranes, int prediction, int decisionStep) {}

  static Result run(NetworkSpec net, SpikeRaster input) {
    int T = net.timesteps();
    int L = net.layers().size();
    boolean[][] in = new boolean[T][net.inputSize()];
    for (int t = 0; t < Math.min(T, input.steps()); t++) {
      for (int i : input.at(t)) {
        in[t][i] = true;
      }
    }
    boolean[][][] s = new boolean[L][T][];
    long[][][] v = new long[L][T][];
    int[] counts = new int[net.outputSize()];
    int decided = -1;
    int steps = T;
    for (int t = 0; t < T && decided < 0; t++) {
      for (int l = 0; l < L; l++) {
        LayerSpec layer = net.layers().get(l);
        boolean[][] pre = l == 0 ? in : s[l - 1];
        s[l][t] = new boolean[layer.size()];
        v[l][t] = new long[layer.size()];
        for (int j = 0; j < layer.size(); j++) {
          long current = 0;
          for (int i = 0; i < layer.inputSize(); i++) {
            int src = t - layer.delay(j, i);
            if (src >= 0 && pre[src][i]) {
              current += layer.weight(j, i);
            }
          }
          if (layer.isRecurrent()) {
            int[][] r = layer.recurrentWeights();
            for (int k = 0; k < layer.size(); k++) {
              int src = t - layer.recurrentDelay(j, k);
              if (src >= 0 && s[l][src][k]) {
                current += r[j][k];
              }
            }
          }
          long prev = t == 0 ? 0 : v[l][t - 1][j];
          Lif.LifState st = Lif.step(layer.neuron(), prev, current);
          s[l][t][j] = st.spike();
          v[l][t][j] = st.membrane();
        }
      }
      for (int k = 0; k < counts.length; k++) {
        if (s[L - 1][t][k]) {
          counts[k]++;
          if (net.readout().mode() == ReadoutMode.FIRST_TO_FIRE && decided < 0
              && counts[k] >= net.readout().decisionCount()) {
            decided = k;
            steps = t + 1;
          }
        }
      }
    }
    if (decided < 0) {
      decided = 0;
      for (int k = 1; k < counts.length; k++) {
        if (counts[k] > counts[decided]) {
          decided = k;
        }
      }
    }
    return new Result(s, v, decided, steps);
  }
}
