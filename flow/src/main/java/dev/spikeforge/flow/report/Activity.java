package dev.spikeforge.flow.report;

import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.sim.Trace;
import dev.spikeforge.golden.sim.TraceStep;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-layer activity of an integer network on a list of inputs, measured with the bit-exact golden
 * model ({@link IntSimulator#runTraced}): spikes per neuron, neurons that never fired, and every
 * membrane value after every simulated step (after the reset), for the report's spike-rate chart and
 * membrane histograms.
 *
 * @param images      inputs run
 * @param inputRate   input spikes per channel per simulated step
 * @param inputPerImage input spikes per channel per image
 * @param layers      one entry per layer, in order
 */
public record Activity(int images, double inputRate, double inputPerImage, List<Layer> layers) {

  /**
   * One layer's activity.
   *
   * @param name            the layer's name
   * @param size            its neurons
   * @param membraneWidth   its signed membrane width (the saturation bounds follow from it)
   * @param threshold       its firing threshold
   * @param spikesPerImage  mean spikes per neuron per image
   * @param spikesPerStep   spikes per neuron per simulated step
   * @param silentNeurons   neurons that fired on none of the inputs
   * @param membranes       every membrane value after every simulated step, all neurons and inputs
   * @param saturated       how many of those sit at the lower or upper bound of the membrane width
   */
  public record Layer(String name, int size, int membraneWidth, long threshold, double spikesPerImage,
      double spikesPerStep, int silentNeurons, int[] membranes, long saturated) {
    /** The smallest membrane value seen. */
    public int min() {
      int m = Integer.MAX_VALUE;
      for (int v : membranes) {
        m = Math.min(m, v);
      }
      return m;
    }

    /** The largest membrane value seen. */
    public int max() {
      int m = Integer.MIN_VALUE;
      for (int v : membranes) {
        m = Math.max(m, v);
      }
      return m;
    }
  }

  /** Runs every input of {@code inputs} through {@code net} and gathers the figures. */
  public static Activity measure(NetworkSpec net, List<SpikeRaster> inputs) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("no inputs to measure the activity of network '" + net.name() + "' on");
    }
    int n = net.layers().size();
    IntSimulator sim = new IntSimulator(net);
    long steps = 0;
    long inputSpikes = 0;
    long[] spikes = new long[n];
    boolean[][] fired = new boolean[n][];
    int[][] mem = new int[n][];
    int[] filled = new int[n];
    for (int l = 0; l < n; l++) {
      fired[l] = new boolean[net.layers().get(l).size()];
      mem[l] = new int[1024];
    }
    for (SpikeRaster in : inputs) {
      Trace t = sim.runTraced(in, "");
      for (TraceStep s : t.steps()) {
        steps++;
        inputSpikes += s.inputSpikes().length;
        for (int l = 0; l < n; l++) {
          spikes[l] += s.spikes()[l].length;
          for (int k : s.spikes()[l]) {
            fired[l][k] = true;
          }
          int[] m = s.membranes()[l];
          if (filled[l] + m.length > mem[l].length) {
            mem[l] = Arrays.copyOf(mem[l], Math.max(2 * mem[l].length, filled[l] + m.length));
          }
          System.arraycopy(m, 0, mem[l], filled[l], m.length);
          filled[l] += m.length;
        }
      }
    }
    List<Layer> layers = new ArrayList<>(n);
    for (int l = 0; l < n; l++) {
      LayerSpec ls = net.layers().get(l);
      int w = ls.neuron().membraneWidth();
      long lo = -(1L << (w - 1));
      long hi = (1L << (w - 1)) - 1;
      int[] values = Arrays.copyOf(mem[l], filled[l]);
      long sat = 0;
      for (int v : values) {
        sat += v <= lo || v >= hi ? 1 : 0;
      }
      int silent = 0;
      for (boolean f : fired[l]) {
        silent += f ? 0 : 1;
      }
      layers.add(new Layer(ls.name(), ls.size(), w, ls.neuron().threshold(),
          spikes[l] / ((double) inputs.size() * ls.size()), spikes[l] / ((double) steps * ls.size()), silent, values,
          sat));
    }
    return new Activity(inputs.size(), inputSpikes / ((double) steps * net.inputSize()),
        inputSpikes / ((double) inputs.size() * net.inputSize()), layers);
  }
}
