package dev.spikeforge.golden.sim;

import dev.spikeforge.golden.network.FloatNetwork;
import java.util.Arrays;

/**
 * The floating-point reference simulator: the same per-step order, delays and readout as {@link
 * IntSimulator}, in double precision with a multiplicative leak and no saturation or rounding.
 * Where the integer network's arithmetic is exact (no leak or exactly representable leaks, no
 * saturation), both produce the same spikes.
 *
 * <p>Event-driven like {@link IntSimulator}: each spike adds one contiguous source-major weight row
 * of a {@link CompiledFloatNetwork} into the pending-current slot of its arrival step. Per step t,
 * layers run in order; for each layer: (1) deliver its input spikes of step t, in ascending index
 * order, into slot {@code (t + delay) mod R}; (2) update every neuron, {@code v' = leak·v + I}, spike
 * when {@code v' >= threshold}, reset to zero or by subtraction, and clear the slot; (3) deliver the
 * layer's own spikes through the recurrent weights, in ascending index order.
 *
 * <p>The floating-point additions are fixed by that order: a neuron's current in one slot is the
 * left-to-right sum, starting from +0.0, of the weights of the spikes delivered into it, in delivery
 * order. The loops below may process several spikes at once, but always add into each neuron in
 * exactly that order (Java never reassociates or fuses floating-point operations), so the results
 * are bit for bit those of the original per-synapse simulator ({@code FloatReferenceSimulator} in
 * the tests).
 *
 * <p>The first layer may instead add its input by spike-train groups ({@link InputTrains}: per
 * group of channels with identical spike trains, the sum of their weight rows, added at each step
 * the train spikes), which takes several times fewer additions under rate coding. It does so only
 * where this cannot change a bit: when every neuron's current is exact in any order ({@link
 * CompiledFloatLayer#exactCurrents}, decided once per network), and each step's input is the only
 * delivery into its slot (one delay for all inputs, no recurrence). {@link #runPerSpike} runs
 * without it, for comparisons.
 *
 * <p>Not thread-safe: use one instance per thread; instances built from the same {@link
 * CompiledFloatNetwork} share the weights.
 */
public final class FloatSimulator {
  /** Spikes delivered together into one slot: enough to keep the accumulator row in registers longer. */
  private static final int BLOCK = 4;

  private final CompiledFloatNetwork net;
  private final double[][] membranes;
  private final double[][][] pending;
  private final int[][] spikeBuf;
  private final int[] spikeLen;
  /** The first layer's input grouped by spike train, when that gives the same currents; else null. */
  private final InputTrains trains;
  /** Per input group: the sum of its members' first-layer weight rows, {@code gsum[g·size + j]}. */
  private double[] gsum = new double[0];

  /**
   * A simulator of {@code net}, compiled for this instance alone (a transposed copy of every weight:
   * to run several simulators of one network, compile it once with {@link CompiledFloatNetwork}).
   */
  public FloatSimulator(FloatNetwork net) {
    this(new CompiledFloatNetwork(net));
  }

  /** A simulator sharing the weights of {@code net} with other instances. */
  public FloatSimulator(CompiledFloatNetwork net) {
    this.net = net;
    int n = net.layers.length;
    membranes = new double[n][];
    pending = new double[n][][];
    spikeBuf = new int[n][];
    spikeLen = new int[n];
    for (int l = 0; l < n; l++) {
      CompiledFloatLayer c = net.layers[l];
      membranes[l] = new double[c.size];
      pending[l] = new double[c.ring][c.size];
      spikeBuf[l] = new int[c.size];
    }
    trains = groupable(net) ? new InputTrains(net.net.inputSize()) : null;
  }

  /**
   * Whether the first layer may add its input by spike-train groups ({@link InputTrains}) and get
   * the same bits: its currents are exact ({@link CompiledFloatLayer#exactCurrents}: the order of
   * the additions does not matter), each step's input is the only delivery into its slot (one delay
   * for all inputs, no recurrence), and T fits the 64-bit trains.
   */
  static boolean groupable(CompiledFloatNetwork net) {
    CompiledFloatLayer c = net.layers[0];
    return c.exactCurrents && c.uniformDelay >= 0 && c.recurrent == null && net.net.timesteps() <= 64;
  }

  public FloatNetwork network() {
    return net.net;
  }

  /** Runs one sample (all state reset to zero first). */
  public SimResult run(SpikeRaster input) {
    return simulate(input, null);
  }

  /**
   * Runs one sample adding one weight row per input spike, without the first layer's grouping by
   * spike train (the simulator before the grouping; the same result, bit for bit): for comparisons
   * and benchmarks.
   */
  public SimResult runPerSpike(SpikeRaster input) {
    return simulate(input, null, false);
  }

  /**
   * Runs one sample and returns the spikes of every layer: {@code [layer]} raster over the steps
   * simulated.
   */
  public SpikeRaster[] runRasters(SpikeRaster input) {
    int n = net.layers.length;
    int[][][] ev = new int[n][net.net.timesteps()][];
    SimResult r = simulate(input, (t, spikes, lengths, membranes) -> {
      for (int l = 0; l < n; l++) {
        ev[l][t] = Arrays.copyOf(spikes[l], lengths[l]);
      }
    });
    SpikeRaster[] out = new SpikeRaster[n];
    for (int l = 0; l < n; l++) {
      out[l] = SpikeRaster.of(net.layers[l].size, Arrays.copyOf(ev[l], r.decisionStep()));
    }
    return out;
  }

  /** Sees the state after each simulated step; the arrays are live and must be copied to be kept. */
  interface StepObserver {
    /**
     * @param t the step
     * @param spikes {@code [layer]} the spiking neurons in ascending order, the first {@code
     *     lengths[layer]} entries
     * @param membranes {@code [layer][neuron]} membranes after the reset
     */
    void step(int t, int[][] spikes, int[] lengths, double[][] membranes);
  }

  /** Runs one sample, calling {@code observer} (if not null) after every step. */
  SimResult simulate(SpikeRaster input, StepObserver observer) {
    return simulate(input, observer, true);
  }

  private SimResult simulate(SpikeRaster input, StepObserver observer, boolean group) {
    FloatNetwork spec = net.net;
    if (input.channels() != spec.inputSize()) {
      throw new IllegalArgumentException(
          "input has " + input.channels() + " channels, network '" + spec.name() + "' expects " + spec.inputSize());
    }
    reset();
    int layersN = net.layers.length;
    int[] counts = new int[spec.outputSize()];
    long[] layerSpikes = new long[layersN];
    long inputSpikes = 0;
    long ops = 0;
    int T = spec.timesteps();
    ReadoutDecision decision = new ReadoutDecision(spec.readout(), T);
    int[] none = new int[0];
    boolean grouped = group && trains != null && trains.build(input, T);
    if (grouped) {
      groupSums(net.layers[0]);
    }
    for (int t = 0; t < T; t++) {
      int[] events = t < input.steps() ? input.at(t) : none;
      int eventsLen = events.length;
      inputSpikes += eventsLen;
      for (int l = 0; l < layersN; l++) {
        CompiledFloatLayer c = net.layers[l];
        if (l == 0 && grouped) {
          addRows(pending[0][slot(t % c.ring, c.uniformDelay, c.ring)], gsum, c.size, trains.active,
              trains.activeOff[t], trains.activeOff[t + 1]);
          ops += (long) eventsLen * c.size;
        } else {
          ops += deliver(c, pending[l], t % c.ring, events, eventsLen);
        }
        int count = neuronPass(c, membranes[l], pending[l][t % c.ring], spikeBuf[l]);
        spikeLen[l] = count;
        if (c.recurrent != null) {
          ops += deliverRecurrent(c, pending[l], t % c.ring, spikeBuf[l], count);
        }
        layerSpikes[l] += count;
        events = spikeBuf[l];
        eventsLen = count;
      }
      int[] out = spikeBuf[layersN - 1];
      int outLen = spikeLen[layersN - 1];
      for (int k = 0; k < outLen; k++) {
        counts[out[k]]++;
      }
      if (observer != null) {
        observer.step(t, spikeBuf, spikeLen, membranes);
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
      for (double[] slot : pending[l]) {
        Arrays.fill(slot, 0);
      }
    }
  }

  /** {@link #gsum}: per input group the sum of its members' weight rows (exact, see {@link #groupable}). */
  private void groupSums(CompiledFloatLayer c) {
    int size = c.size;
    int need = trains.count() * size;
    if (gsum.length < need) {
      gsum = new double[Math.max(need, 2 * gsum.length)];
    }
    Arrays.fill(gsum, 0, need, 0.0);
    double[] acc = gsum;
    double[] w = c.weights;
    int[] mem = trains.members;
    for (int g = 0; g < trains.count(); g++) {
      int base = g * size;
      int m = trains.offset[g];
      int end = trains.offset[g + 1];
      for (; m + BLOCK <= end; m += BLOCK) {
        int o0 = mem[m] * size;
        int o1 = mem[m + 1] * size;
        int o2 = mem[m + 2] * size;
        int o3 = mem[m + 3] * size;
        for (int j = 0; j < size; j++) {
          acc[base + j] = acc[base + j] + w[o0 + j] + w[o1 + j] + w[o2 + j] + w[o3 + j];
        }
      }
      for (; m < end; m++) {
        int o = mem[m] * size;
        for (int j = 0; j < size; j++) {
          acc[base + j] += w[o + j];
        }
      }
    }
  }

  /**
   * Adds the weight rows of the spiking inputs {@code events[0..len)} into their arrival slots, seen
   * from the current slot {@code slot}; returns the synaptic ops.
   */
  private static long deliver(CompiledFloatLayer c, double[][] pend, int slot, int[] events, int len) {
    int size = c.size;
    int ring = c.ring;
    double[] w = c.weights;
    switch (c.delayMode) {
      case NONE:
        addRows(pend[slot], w, size, events, 0, len);
        break;
      case AXONAL: {
        // consecutive spikes with the same delay share a slot and go in together
        int[] ax = c.axonal;
        for (int e = 0; e < len; ) {
          int d = ax[events[e]];
          int end = e + 1;
          while (end < len && ax[events[end]] == d) {
            end++;
          }
          addRows(pend[slot(slot, d, ring)], w, size, events, e, end);
          e = end;
        }
        break;
      }
      case SYNAPTIC:
        addRowsPerSynapse(pend, slot, ring, w, c.synaptic, size, events, len);
        break;
      default:
        throw new AssertionError(c.delayMode);
    }
    return (long) len * size;
  }

  /** Adds this layer's own spikes through the recurrent weights (delay 1 unless given). */
  private static long deliverRecurrent(CompiledFloatLayer c, double[][] pend, int slot, int[] spikes, int len) {
    int size = c.size;
    if (c.recurrentDelays == null) {
      addRows(pend[slot(slot, 1, c.ring)], c.recurrent, size, spikes, 0, len); // R >= 2 with recurrence
    } else {
      addRowsPerSynapse(pend, slot, c.ring, c.recurrent, c.recurrentDelays, size, spikes, len);
    }
    return (long) len * size;
  }

  /**
   * {@code acc[j] += w[i * size + j]} for every source i in {@code events[from..to)}, in that order
   * for each j. Four sources at a time: {@code acc[j] + w0 + w1 + w2 + w3} is evaluated left to
   * right, the same four roundings as four separate passes, with a quarter of the loads and stores
   * of {@code acc}.
   */
  private static void addRows(double[] acc, double[] w, int size, int[] events, int from, int to) {
    int e = from;
    for (; e + BLOCK <= to; e += BLOCK) {
      int o0 = events[e] * size;
      int o1 = events[e + 1] * size;
      int o2 = events[e + 2] * size;
      int o3 = events[e + 3] * size;
      for (int j = 0; j < size; j++) {
        acc[j] = acc[j] + w[o0 + j] + w[o1 + j] + w[o2 + j] + w[o3 + j];
      }
    }
    for (; e < to; e++) {
      int o = events[e] * size;
      for (int j = 0; j < size; j++) {
        acc[j] += w[o + j];
      }
    }
  }

  /** Row by row, each synapse into the slot of its own delay offset {@code delays[i * size + j]}. */
  private static void addRowsPerSynapse(double[][] pend, int slot, int ring, double[] w, int[] delays, int size,
      int[] events, int len) {
    for (int e = 0; e < len; e++) {
      int base = events[e] * size;
      for (int j = 0; j < size; j++) {
        pend[slot(slot, delays[base + j], ring)][j] += w[base + j];
      }
    }
  }

  /**
   * The slot {@code (stepSlot + offset) mod R} for {@code 0 <= stepSlot, offset < R}: one conditional
   * subtraction (docs/numerics.md, section 3; the integer twin is {@code DelayRing.slot}).
   */
  private static int slot(int stepSlot, int offset, int ring) {
    int s = stepSlot + offset;
    return s >= ring ? s - ring : s;
  }

  /** LIF update of every neuron on the current {@code cur} (cleared); returns the spike count. */
  private static int neuronPass(CompiledFloatLayer c, double[] v, double[] cur, int[] out) {
    double leak = c.leak;
    double[] own = c.leaks;
    double threshold = c.threshold;
    boolean subtract = c.subtractReset;
    int count = 0;
    for (int j = 0; j < c.size; j++) {
      double v2 = (own == null ? leak : own[j]) * v[j] + cur[j];
      cur[j] = 0;
      boolean s = v2 >= threshold;
      v[j] = s ? (subtract ? v2 - threshold : 0) : v2;
      if (s) {
        out[count++] = j;
      }
    }
    return count;
  }
}
