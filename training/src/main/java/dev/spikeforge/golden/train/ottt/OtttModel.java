package dev.spikeforge.golden.train.ottt;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.SampleOutcome;
import java.util.Arrays;

/**
 * The weights of an OTTT network in one numeric form, and the sample loop that learns them, written
 * once for both forms (docs/learning.md Part III §2): at every step t, layer by layer, the traces take
 * the layer's input spikes of t (and, in a recurrent layer, its own spikes of {@code t − 1}), the
 * neurons integrate, fire and record their surrogate gradients; then the output errors are formed
 * and propagated down, and every layer learns. The loop keeps the spikes; the form's {@link Sample}
 * keeps membranes, traces, surrogate gradients and errors and does the arithmetic of a whole layer
 * ({@link OtttFloatModel}, {@link OtttIntModel}). A Sample call per neuron instead measured 35 %
 * slower (float form, thread CPU per sample), so the loops over a layer's neurons stay in the forms.
 */
abstract class OtttModel {
  final OtttConfig cfg;
  final int layers;
  final int[] sizes;

  OtttModel(OtttConfig cfg) {
    this.cfg = cfg;
    this.sizes = cfg.sizes();
    this.layers = cfg.layers();
  }

  /** One sample's state in one numeric form. */
  interface Sample {
    /**
     * Layer l's input traces ({@code recurrent}: its recurrent traces) leak, and those whose source
     * is marked in {@code spiked} take a spike.
     */
    void traces(int l, boolean recurrent, boolean[] spiked);

    /**
     * Layer l's neurons integrate the feedforward spikes {@code in[0..inCount)} and the recurrent
     * spikes {@code prev[0..prevCount)} of the step before (recurrent terms first, then
     * feedforward, each in ascending source order), fire and reset, and record their surrogate
     * gradients; the spikes go to {@code out}, their number is returned.
     */
    int fire(int l, int[] in, int inCount, int[] prev, int prevCount, int[] out);

    /** The output errors of the step (output k {@code fired[k]}, target {@code label}) and their spatial backpropagation. */
    void errors(int label, boolean[] fired);

    /** Layer l's weights take the step's update. */
    void learn(int l);
  }

  /** A fresh state for the sample at {@code position} of {@code epoch}. */
  abstract Sample begin(int epoch, long position);

  /** Runs one sample, learning at every step (docs/learning.md Part III §2). */
  final SampleOutcome train(SpikeRaster input, int label, int epoch, long position) {
    int steps = cfg.timesteps();
    Sample sample = begin(epoch, position);
    int[][] spikes = new int[layers][];
    int[] spikeCount = new int[layers];
    int[][] prev = new int[layers][];
    int[] prevCount = new int[layers];
    for (int l = 0; l < layers; l++) {
      spikes[l] = new int[sizes[l + 1]];
      prev[l] = new int[sizes[l + 1]];
    }
    boolean[] seen = new boolean[Arrays.stream(sizes).max().orElseThrow()];
    boolean[] fired = new boolean[sizes[layers]];
    int[] counts = new int[sizes[layers]];
    long squared = 0;
    for (int t = 0; t < steps; t++) {
      for (int l = 0; l < layers; l++) {
        int[] tmp = prev[l];
        prev[l] = spikes[l];
        prevCount[l] = spikeCount[l];
        spikes[l] = tmp;
        int[] in = l == 0 ? (t < input.steps() ? input.at(t) : new int[0]) : spikes[l - 1];
        int inCount = l == 0 ? in.length : spikeCount[l - 1];
        traces(sample, l, false, in, inCount, seen);
        if (cfg.recurrentLayer(l)) {
          traces(sample, l, true, prev[l], prevCount[l], seen);
        }
        spikeCount[l] = sample.fire(l, in, inCount, prev[l], prevCount[l], spikes[l]);
      }
      Arrays.fill(fired, false);
      for (int c = 0; c < spikeCount[layers - 1]; c++) {
        int k = spikes[layers - 1][c];
        counts[k]++;
        fired[k] = true;
      }
      for (int k = 0; k < fired.length; k++) {
        squared += fired[k] != (k == label) ? 1 : 0;
      }
      sample.errors(label, fired);
      for (int l = 0; l < layers; l++) {
        sample.learn(l);
      }
    }
    return SampleOutcome.ofCounts(counts, label, squared / (double) ((long) steps * counts.length));
  }

  /** Marks the sources {@code src[0..count)} in {@code seen}, steps the traces, clears the marks. */
  private void traces(Sample sample, int l, boolean recurrent, int[] src, int count, boolean[] seen) {
    for (int c = 0; c < count; c++) {
      seen[src[c]] = true;
    }
    sample.traces(l, recurrent, seen);
    for (int c = 0; c < count; c++) {
      seen[src[c]] = false;
    }
  }

  abstract FloatNetwork floatNetwork();

  /** The integer network, or null for the float form. */
  abstract NetworkSpec intNetwork();

  abstract EvalReport evaluate(Dataset test, SpikeEncoder encoder, int threads);

  abstract byte[] state();

  abstract void restore(byte[] state);
}
