package dev.spikeforge.compiler.cycles;

import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.sim.Trace;
import dev.spikeforge.golden.sim.TraceStep;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.SynapseMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact clock count of the layer-serial core ({@code SnnCore}) from its hardware spec and the
 * golden model's trace of a sample: the core never waits for anything but its own pipelines when the
 * input stream offers a beat every clock and the output is always taken, so its clocks follow from
 * the spike counts alone. Per sample: clear ({@link #clearClocks}), then per step and layer a
 * feedforward delivery ({@link Delivery}), a neuron pass ({@link #neuronPassClocks}) and, for a
 * recurrent layer, a recurrent delivery, then one step-end clock; the output beat follows the
 * decision step's step end. Formulas per scheduler state: docs/hardware.md, "Cycle model".
 * With stalls on the input or output stream, these clocks are a lower bound.
 */
public final class CycleModel {
  private CycleModel() {}

  /** Clocks from the clear to the output beat of one sample on an idle core (the sample's latency). */
  public static long clocks(HwCore core, Trace trace) {
    return new Run(core, 0).sample(trace, null).latency();
  }

  /**
   * The timeline of samples streamed back to back through one core after reset, as the stream
   * harness drives them (full rate, every output beat taken at once).
   *
   * @param traces the golden model's trace of each sample ({@code IntSimulator.runTraced})
   * @param inputs each sample's input raster (for the beats a FIRST_TO_FIRE early exit discards)
   * @param firstClear the clock of the first clear: 0 after reset, or the number of load-port beats
   *     written before the first sample
   */
  public static List<SampleClocks> timeline(HwCore core, List<Trace> traces, List<SpikeRaster> inputs,
      long firstClear) {
    if (traces.size() != inputs.size()) {
      throw new IllegalArgumentException(traces.size() + " traces but " + inputs.size() + " input rasters");
    }
    Run run = new Run(core, firstClear);
    List<SampleClocks> out = new ArrayList<>(traces.size());
    for (int k = 0; k < traces.size(); k++) {
      out.add(run.sample(traces.get(k), inputs.get(k)));
    }
    return List.copyOf(out);
  }

  /** Mean, fewest and most clocks per sample of a data set streamed through the core after reset. */
  public static CycleSummary summarize(HwCore core, List<Trace> traces, List<SpikeRaster> inputs) {
    return CycleSummary.of(timeline(core, traces, inputs, 0));
  }

  /**
   * sClear: one launch clock, then each engine zeroes one pending-current word per clock (R·G words;
   * the membranes' G words at the same time) and the scheduler sees every engine idle one clock
   * after the longest finished.
   */
  static long clearClocks(HwCore core) {
    long depth = 0;
    for (HwLayer h : core.layers()) {
      depth = Math.max(depth, (long) h.ringSlots() * h.groups());
    }
    return depth + 2;
  }

  /**
   * sNeuron: launch, G issue clocks, N1 and the 3 clocks of {@code LifNeuronPipe} to N4 for the last
   * group, one clock with the pipeline empty before the engine goes idle, one for the scheduler.
   */
  static long neuronPassClocks(HwLayer h) {
    return h.groups() + 7L;
  }

  /** Spikes per list entry: ascending indices grouped into words of {@code width} bits. */
  static int[] entries(int[] ascending, int width) {
    int[] bits = new int[ascending.length];
    int m = 0;
    int word = -1;
    for (int i : ascending) {
      int w = i / width;
      if (m == 0 || w != word) {
        word = w;
        m++;
      }
      bits[m - 1]++;
    }
    return java.util.Arrays.copyOf(bits, m);
  }

  /** The running state of one stream: the clock and the last three beats taken from the input queue. */
  private static final class Run {
    private final HwCore core;
    private final long clear;
    private final long streamStart;
    private long next;
    private long beatsTaken;
    /** The clocks the last three beats left the input queue, the latest at index 0. */
    private final long[] left = new long[3];

    Run(HwCore core, long firstClear) {
      this.core = core;
      this.clear = clearClocks(core);
      this.next = firstClear;
      this.streamStart = firstClear;
    }

    private void left(long clock) {
      left[2] = left[1];
      left[1] = left[0];
      left[0] = clock;
      beatsTaken++;
    }

    /**
     * The clock the input queue (2 entries, no flow-through) takes beat n: the stream offers one every
     * clock, so beat 0 at the stream's start, beat 1 the clock after, and beat n ≥ 2 the clock after
     * beat n−2 left the queue (it is full until then).
     *
     * @param back 0 for the next beat, 1 for the last beat taken, ...
     */
    private long enqueued(int back) {
      long n = beatsTaken - back;
      return n >= 2 ? left[back + 1] + 1 : streamStart + n;
    }

    SampleClocks sample(Trace trace, SpikeRaster input) {
      check(trace);
      long firstBeat = enqueued(0);
      long start = next;
      long clock = start + clear;
      List<HwLayer> layers = core.layers();
      for (TraceStep st : trace.steps()) {
        for (int l = 0; l < layers.size(); l++) {
          HwLayer h = layers.get(l);
          boolean chunk = h.feedforwardMode() == SynapseMode.CHUNK;
          if (l == 0) {
            Delivery d = Delivery.fromInput(entries(st.inputSpikes(), core.inputWordWidth()), chunk, h.groups());
            for (long b : d.beats) {
              left(clock + b);
            }
            clock += d.clocks;
          } else {
            clock += Delivery.fromList(entries(st.spikes()[l - 1], layers.get(l - 1).lanes()), chunk, h.groups()).clocks;
          }
          clock += neuronPassClocks(h);
          if (h.recurrent()) {
            boolean recChunk = h.recurrentSynapses().mode() == SynapseMode.CHUNK;
            clock += Delivery.fromList(entries(st.spikes()[l], h.lanes()), recChunk, h.groups()).clocks;
          }
        }
        clock += 1; // sStepEnd: the readout has settled (the pass's drain covers its 2-clock latency)
      }
      long out = clock;
      long discarded = 0;
      int steps = trace.steps().size();
      if (steps < core.timesteps()) {
        if (input == null) {
          throw new IllegalArgumentException("sample decided early at step " + steps
              + ": its input raster is needed for the beats the core discards");
        }
        for (int t = steps; t < core.timesteps(); t++) {
          discarded += input.at(t).length + 1L;
        }
        for (long b = 1; b <= discarded; b++) {
          left(out + b); // sDiscard takes one beat per clock
        }
      }
      next = out + 1 + discarded;
      return new SampleClocks(firstBeat, enqueued(1), start, out, discarded, next);
    }

    private void check(Trace trace) {
      if (trace.layerSizes().length != core.layers().size() || trace.inputSize() != core.inputSize()) {
        throw new IllegalArgumentException("trace of network '" + trace.networkName() + "' (" + trace.inputSize()
            + " inputs, " + trace.layerSizes().length + " layers) does not fit the core (" + core.inputSize()
            + " inputs, " + core.layers().size() + " layers)");
      }
      int steps = trace.steps().size();
      if (steps < 1 || steps > core.timesteps() || steps != trace.result().decisionStep()) {
        throw new IllegalArgumentException("trace has " + steps + " steps, decision step "
            + trace.result().decisionStep() + ", core T = " + core.timesteps());
      }
    }
  }
}
