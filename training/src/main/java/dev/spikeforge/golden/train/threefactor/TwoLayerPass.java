package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.sim.SpikeRaster;
import java.util.Arrays;

/**
 * The training forward pass of both forms, inputs → hidden → output: steps the two layers, counts
 * the output spikes and hands each step's output spikes to the form's output traces (the only
 * arithmetic here is the form's own, in {@link OutputTraces}).
 */
final class TwoLayerPass {
  private static final int[] NONE = new int[0];

  private TwoLayerPass() {}

  /** Advances a form's output traces by one step; {@code fired[k]}: output k spiked this step. */
  @FunctionalInterface
  interface OutputTraces {
    void step(boolean[] fired);
  }

  /**
   * Runs one sample of {@code steps} steps (the input is silent after its last step); adds the output
   * spike counts to {@code counts}; if {@code record} is not null, records the spikes of both layers
   * in {@code record[0][t]}, {@code record[1][t]}. Returns the number of hidden spikes.
   */
  static long run(LayerLearner hidden, LayerLearner output, int steps, SpikeRaster input, int[] counts,
      int[][][] record, OutputTraces traces) {
    hidden.begin(steps);
    output.begin(steps);
    boolean[] fired = new boolean[output.size];
    long hs = 0;
    for (int t = 0; t < steps; t++) {
      int[] ev = t < input.steps() ? input.at(t) : NONE;
      int[] h = hidden.step(t, ev, ev.length);
      int hc = hidden.lastCount();
      hs += hc;
      if (record != null) {
        record[0][t] = Arrays.copyOf(h, hc);
      }
      int[] o = output.step(t, h, hc);
      int oc = output.lastCount();
      if (record != null) {
        record[1][t] = Arrays.copyOf(o, oc);
      }
      Arrays.fill(fired, false);
      for (int e = 0; e < oc; e++) {
        fired[o[e]] = true;
        counts[o[e]]++;
      }
      traces.step(fired);
    }
    return hs;
  }

  /** The spikes of the hidden and the output layer for one sample, no update. */
  static SpikeRaster[] forward(LayerLearner hidden, LayerLearner output, int steps, SpikeRaster input,
      OutputTraces traces) {
    int[][][] rec = new int[2][steps][];
    run(hidden, output, steps, input, new int[output.size], rec, traces);
    return new SpikeRaster[] {SpikeRaster.of(hidden.size, rec[0]), SpikeRaster.of(output.size, rec[1])};
  }
}
