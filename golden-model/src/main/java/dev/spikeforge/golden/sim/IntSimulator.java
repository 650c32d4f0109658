package dev.spikeforge.golden.sim;

import dev.spikeforge.golden.delay.DelayRing;
import dev.spikeforge.golden.neuron.Lif;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bit-exact integer golden model, event-driven: the synaptic work of a step is proportional
 * to the number of spikes (each spike adds one weight row into a pending-current buffer, at the
 * ring slot of its arrival step), plus one {@link Lif} update per neuron.
 *
 * <p>Per step t, layers run in order; for each layer: (1) deliver the spikes of its input at t into
 * pending slot {@code (t + delay) mod R}; (2) run every neuron's LIF update on the exact current of
 * slot {@code t mod R}, then clear it; (3) deliver this layer's own spikes through the recurrent
 * weights with their delays (at least 1). The readout follows the output layer (docs/numerics.md).
 *
 * <p>Not thread-safe: use one instance per thread; instances built from the same {@link
 * CompiledNetwork} share the weights.
 */
public final class IntSimulator {
  private final CompiledNetwork net;
  private final int[][] membranes;
  private final int[][][] pending;
  private final int[][] spikeBuf;
  private final int[] spikeLen;

  public IntSimulator(NetworkSpec spec) {
    this(new CompiledNetwork(spec));
  }

  public IntSimulator(CompiledNetwork net) {
    this.net = net;
    int n = net.layers.length;
    membranes = new int[n][];
    pending = new int[n][][];
    spikeBuf = new int[n][];
    spikeLen = new int[n];
    for (int l = 0; l < n; l++) {
      CompiledLayer c = net.layers[l];
      membranes[l] = new int[c.size];
      pending[l] = new int[c.ring][c.size];
      spikeBuf[l] = new int[c.size];
    }
  }

  public NetworkSpec spec() {
    return net.spec;
  }

  /** Runs one sample (all state reset to zero first). */
  public SimResult run(SpikeRaster input) {
    return simulate(input, null);
  }

  /** Runs one sample and records every step. */
  public Trace runTraced(SpikeRaster input, String networkHash) {
    List<TraceStep> steps = new ArrayList<>();
    SimResult r = simulate(input, steps);
    NetworkSpec s = net.spec;
    return new Trace(s.name(), networkHash, s.inputSize(),
        s.layers().stream().mapToInt(l -> l.size()).toArray(),
        s.layers().stream().mapToInt(l -> l.neuron().membraneWidth()).toArray(), steps, r);
  }

  private SimResult simulate(SpikeRaster input, List<TraceStep> trace) {
    NetworkSpec spec = net.spec;
    if (input.channels() != spec.inputSize()) {
      throw new IllegalArgumentException(
          "input has " + input.channels() + " channels, network '" + spec.name() + "' expects " + spec.inputSize());
    }
    reset();
    int layersN = net.layers.length;
    int outSize = spec.outputSize();
    int[] counts = new int[outSize];
    long[] layerSpikes = new long[layersN];
    long inputSpikes = 0;
    long ops = 0;
    int T = spec.timesteps();
    ReadoutDecision decision = new ReadoutDecision(spec.readout(), T);
    for (int t = 0; t < T; t++) {
      int[] events = t < input.steps() ? input.at(t) : new int[0];
      int eventsLen = events.length;
      inputSpikes += eventsLen;
      for (int l = 0; l < layersN; l++) {
        CompiledLayer c = net.layers[l];
        ops += deliver(c, pending[l], t, events, eventsLen);
        spikeLen[l] = neuronPass(c, l, t);
        if (c.recurrent != null) {
          ops += deliverRecurrent(c, pending[l], t, spikeBuf[l], spikeLen[l]);
        }
        layerSpikes[l] += spikeLen[l];
        events = spikeBuf[l];
        eventsLen = spikeLen[l];
      }
      int[] out = spikeBuf[layersN - 1];
      int outLen = spikeLen[layersN - 1];
      for (int k = 0; k < outLen; k++) {
        counts[out[k]]++;
      }
      if (trace != null) {
        int[][] sp = new int[layersN][];
        int[][] mem = new int[layersN][];
        for (int l = 0; l < layersN; l++) {
          sp[l] = Arrays.copyOf(spikeBuf[l], spikeLen[l]);
          mem[l] = membranes[l].clone();
        }
        trace.add(new TraceStep(t, t < input.steps() ? input.at(t).clone() : new int[0], sp, mem));
      }
      if (decision.decidedAt(t, counts, out, outLen)) {
        break;
      }
    }
    return decision.result(counts, layerSpikes, inputSpikes, ops);
  }

  private void reset() {
    for (int l = 0; l < membranes.length; l++) {
      Arrays.fill(membranes[l], 0);
      for (int[] slot : pending[l]) {
        Arrays.fill(slot, 0);
      }
    }
  }

  /** Adds the weight rows of the spiking inputs into their arrival slots; returns synaptic ops. */
  private static long deliver(CompiledLayer c, int[][] pend, int t, int[] events, int len) {
    int size = c.size;
    int ring = c.ring;
    int slot = t % ring;
    int[] w = c.weights;
    switch (c.delayMode) {
      case NONE: {
        int[] acc = pend[slot];
        for (int e = 0; e < len; e++) {
          addRow(acc, w, events[e] * size, size);
        }
        break;
      }
      case AXONAL: {
        int[] ax = c.axonal;
        for (int e = 0; e < len; e++) {
          int i = events[e];
          addRow(pend[DelayRing.slot(slot, ax[i], ring)], w, i * size, size);
        }
        break;
      }
      case SYNAPTIC: {
        int[] d = c.synaptic;
        for (int e = 0; e < len; e++) {
          int base = events[e] * size;
          for (int j = 0; j < size; j++) {
            pend[DelayRing.slot(slot, d[base + j], ring)][j] += w[base + j];
          }
        }
        break;
      }
      default:
        throw new AssertionError(c.delayMode);
    }
    return (long) len * size;
  }

  private static long deliverRecurrent(CompiledLayer c, int[][] pend, int t, int[] spikes, int len) {
    int size = c.size;
    int ring = c.ring;
    int slot = t % ring;
    int[] r = c.recurrent;
    int[] rd = c.recurrentDelays;
    for (int e = 0; e < len; e++) {
      int base = spikes[e] * size;
      if (rd == null) {
        addRow(pend[DelayRing.slot(slot, 1, ring)], r, base, size);
      } else {
        for (int j = 0; j < size; j++) {
          pend[DelayRing.slot(slot, rd[base + j], ring)][j] += r[base + j];
        }
      }
    }
    return (long) len * size;
  }

  private static void addRow(int[] acc, int[] w, int off, int n) {
    for (int j = 0; j < n; j++) {
      acc[j] += w[off + j];
    }
  }

  /** LIF update of every neuron of layer l on the current of slot t; returns the spike count. */
  private int neuronPass(CompiledLayer c, int l, int t) {
    NeuronSpec n = c.spec.neuron();
    int[] v = membranes[l];
    int[] cur = pending[l][t % c.ring];
    int[] out = spikeBuf[l];
    long threshold = n.threshold();
    int count = 0;
    NeuronSpec[] own = c.neurons;
    for (int j = 0; j < c.size; j++) {
      long v2 = Lif.integrate(own == null ? n : own[j], v[j], cur[j]);
      cur[j] = 0;
      boolean s = v2 >= threshold;
      v[j] = (int) Lif.reset(n, v2, s);
      if (s) {
        out[count++] = j;
      }
    }
    return count;
  }
}
