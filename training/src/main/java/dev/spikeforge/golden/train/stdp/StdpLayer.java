package dev.spikeforge.golden.train.stdp;

import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.sim.SpikeRaster;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The recurrent hidden layer and the order of one STDP step, written once for both numeric forms
 * (docs/learning.md Part IV §2): every loop over neurons, inputs, shifts and delays is here; the
 * storage and the arithmetic of one synapse, trace or neuron are the subclass's ({@link
 * IntStdpLayer}, {@link FloatStdpLayer}). Step t of a sample:
 *
 * <ol>
 *   <li>every neuron integrates the feed-forward weights of the inputs spiking at t and the recurrent
 *       currents arriving at t (sent at {@code t − d_jk} with the weight of that time), leaks, fires,
 *       resets: {@code IntSimulator}'s order;
 *   <li>depression at every presynaptic arrival (input spike at t, recurrent spike sent at {@code t −
 *       d_jk}) by the postsynaptic trace of step {@code t − 1};
 *   <li>traces take the spikes of step t (inputs, hidden neurons) for every window shift in use;
 *   <li>potentiation of every synapse of a neuron that fired at t by its presynaptic trace (inputs:
 *       step t; recurrent: the sender's trace of step {@code t − d_jk}, i.e. of the spikes that have
 *       arrived), so a simultaneous pair counts as causal (Δt = 0 potentiates, never depresses);
 *   <li>the neurons' spikes of t are sent through the recurrent weights with their delays.
 * </ol>
 *
 * There are no self-connections (the diagonal of the recurrent weights stays 0). Each sample starts
 * from zero membranes, traces and pending currents, as the simulators do.
 */
abstract class StdpLayer {
  final StdpConfig cfg;
  final int inputs;
  final int size;
  /** [2][size][inputs] and [2][size][size]: LTP then LTD shift of every synapse. */
  final byte[][][] inShift;
  final byte[][][] recShift;
  /** [size] each hidden neuron's membrane leak shift k ({@link #drawLeakShifts}). */
  final int[] leakShifts;
  /** [size][size] recurrent delays in 1..D, or null when D = 1. */
  final int[][] delays;
  /** Ring of D + 1 steps: [slot][k] whether hidden neuron k spiked at the step of that slot. */
  final boolean[][] sent;
  final int ring;
  final int minShift;
  final int shifts;
  private final int[] counts;

  StdpLayer(StdpConfig cfg) {
    this.cfg = cfg;
    inputs = cfg.inputs();
    size = cfg.hidden();
    inShift = cfg.windows().draw(size, inputs, cfg.seed(), 1);
    recShift = cfg.windows().draw(size, size, cfg.seed(), 2);
    delays = cfg.maxDelay() > 1 ? drawDelays(size, cfg.maxDelay(), cfg.seed()) : null;
    leakShifts = drawLeakShifts(cfg);
    ring = cfg.maxDelay() + 1;
    sent = new boolean[ring][size];
    minShift = cfg.windows().minShift();
    shifts = cfg.windows().maxShift() - minShift + 1;
    counts = new int[size];
  }

  /**
   * The hidden neurons' leak shifts: every one {@code cfg.leakShift()}, or with heterogeneous leaks each drawn
   * uniformly from {@code leakShift..leakShiftMax}, neuron by neuron, from {@code Lfsr.seeded(seed, 4)} with
   * {@link StdpWindows}' draw ({@code ⌈log2(span)⌉}-bit draws, rejected while not below the span).
   */
  static int[] drawLeakShifts(StdpConfig cfg) {
    int[] k = new int[cfg.hidden()];
    int span = cfg.leakShiftMax() - cfg.leakShift() + 1;
    Lfsr rng = span > 1 ? Lfsr.seeded(cfg.seed(), 4) : null;
    int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, span - 1));
    for (int j = 0; j < k.length; j++) {
      k[j] = cfg.leakShift() + StdpWindows.uniform(rng, span, bits);
    }
    return k;
  }

  /** Recurrent delays drawn uniformly from 1..D, row-major, from {@code Lfsr.seeded(seed, 3)} (8-bit draws, rejection). */
  static int[][] drawDelays(int size, int maxDelay, long seed) {
    Lfsr rng = Lfsr.seeded(seed, 3);
    int[][] d = new int[size][size];
    for (int[] row : d) {
      for (int k = 0; k < size; k++) {
        long v;
        do {
          v = rng.nextBits(8);
        } while (v >= maxDelay);
        row[k] = 1 + (int) v;
      }
    }
    return d;
  }

  /** The delay of the recurrent synapse k → j. */
  final int delay(int j, int k) {
    return delays == null ? 1 : delays[j][k];
  }

  /**
   * Runs one sample, learning when {@code learn}; returns the hidden spike counts (a fresh array).
   *
   * @param rng rounding bits of the integer form, or null
   */
  final int[] run(SpikeRaster input, boolean learn, Lfsr rng) {
    clearState();
    for (boolean[] s : sent) {
      Arrays.fill(s, false);
    }
    Arrays.fill(counts, 0);
    boolean[] fired = new boolean[size];
    boolean[] inSpike = new boolean[inputs];
    int[] none = new int[0];
    for (int t = 0; t < cfg.timesteps(); t++) {
      int[] in = t < input.steps() ? input.at(t) : none;
      int slot = t % ring;
      for (int j = 0; j < size; j++) {
        fired[j] = integrate(j, in, slot);
      }
      for (int i : in) {
        inSpike[i] = true;
      }
      if (learn) {
        for (int i : in) {
          for (int j = 0; j < size; j++) {
            depressInput(j, i, inShift[1][j][i], rng);
          }
        }
        for (int j = 0; j < size; j++) {
          for (int k = 0; k < size; k++) {
            int d = delay(j, k);
            if (k != j && t >= d && sent[(t - d) % ring][k]) {
              depressRecurrent(j, k, recShift[1][j][k], rng);
            }
          }
        }
      }
      stepTraces(inSpike, fired, slot);
      if (learn) {
        for (int j = 0; j < size; j++) {
          if (!fired[j]) {
            continue;
          }
          for (int i = 0; i < inputs; i++) {
            potentiateInput(j, i, inShift[0][j][i], rng);
          }
          for (int k = 0; k < size; k++) {
            int d = delay(j, k);
            if (k != j && t >= d) {
              potentiateRecurrent(j, k, recShift[0][j][k], (t - d) % ring, rng);
            }
          }
        }
      }
      for (int i : in) {
        inSpike[i] = false;
      }
      boolean[] now = sent[slot];
      for (int j = 0; j < size; j++) {
        now[j] = fired[j];
        if (fired[j]) {
          counts[j]++;
          send(j, t);
        }
      }
    }
    if (learn && cfg.homeostasis().afterSample()) {
      homeostasis(counts);
    }
    return counts.clone();
  }

  /**
   * After a learning sample (docs/learning.md Part IV §2.1), neuron by neuron in ascending order: the
   * rate term on every incoming weight, then synaptic scaling of the feed-forward ones.
   */
  final void homeostasis(int[] counts) {
    StdpHomeostasis h = cfg.homeostasis();
    for (int j = 0; j < size; j++) {
      if (h.rate()) {
        lowerRow(j, counts[j] - h.targetRate());
      }
      if (h.scaling()) {
        scaleRow(j);
      }
    }
  }

  /** Step 1 for neuron j: the inputs {@code in} add to the current pending in slot {@code slot}; fire? */
  final boolean integrate(int j, int[] in, int slot) {
    for (int i : in) {
      addInput(slot, j, i);
    }
    return fire(j, slot);
  }

  /** Step 3: every trace of every shift takes the inputs and hidden spikes of this step (slot: this step's ring slot). */
  final void stepTraces(boolean[] inSpike, boolean[] fired, int slot) {
    for (int s = 0; s < shifts; s++) {
      int k = minShift + s;
      for (int i = 0; i < inputs; i++) {
        stepInputTrace(s, k, i, inSpike[i]);
      }
      for (int j = 0; j < size; j++) {
        stepHiddenTrace(s, k, j, fired[j], slot);
      }
    }
  }

  /** Step 5: neuron k fired at t; its recurrent weights add to the currents pending for {@code t + d_jk}. */
  final void send(int k, int t) {
    for (int j = 0; j < size; j++) {
      if (j != k) {
        addRecurrent((t + delay(j, k)) % ring, j, k);
      }
    }
  }

  /** Zeroes every element of double or long arrays of any depth. */
  static void zero(Object... arrays) {
    for (Object a : arrays) {
      if (a instanceof double[] d) {
        Arrays.fill(d, 0);
      } else if (a instanceof long[] l) {
        Arrays.fill(l, 0);
      } else if (a instanceof Object[] nested) {
        zero(nested);
      } else {
        throw new IllegalArgumentException("zero takes double or long arrays of any depth, not " + a);
      }
    }
  }

  /** Zero membranes, traces and pending currents. */
  abstract void clearState();

  /** The current pending for neuron j in ring slot {@code slot} takes the weight of input i. */
  abstract void addInput(int slot, int j, int i);

  /** The current pending for neuron j in ring slot {@code slot} takes the recurrent weight k → j. */
  abstract void addRecurrent(int slot, int j, int k);

  /** Neuron j takes (and clears) its current pending in slot {@code slot}, leaks, fires, resets; fired? */
  abstract boolean fire(int j, int slot);

  /** Input i's trace of shift index s (shift k) takes this step's spike. */
  abstract void stepInputTrace(int s, int k, int i, boolean spike);

  /** Hidden neuron j's trace of shift index s (shift k) takes this step's spike; ring slot {@code slot} records it. */
  abstract void stepHiddenTrace(int s, int k, int j, boolean fired, int slot);

  /**
   * Rate homeostasis of neuron j with {@code excess} spikes over the target: every feed-forward and
   * recurrent weight of j (not the diagonal) lowered by the same step, the scaling target with them.
   */
  abstract void lowerRow(int j, int excess);

  /** Synaptic scaling of neuron j's feed-forward weights towards its target sum. */
  abstract void scaleRow(int j);

  abstract void depressInput(int j, int i, int shift, Lfsr rng);

  abstract void depressRecurrent(int j, int k, int shift, Lfsr rng);

  abstract void potentiateInput(int j, int i, int shift, Lfsr rng);

  /** Potentiation of k → j by the trace of k recorded in ring slot {@code slot}. */
  abstract void potentiateRecurrent(int j, int k, int shift, int slot, Lfsr rng);

  /** The learned state, serialized. */
  abstract void write(ByteBuffer b);

  abstract void read(ByteBuffer b);

  /** Bytes of {@link #write}. */
  abstract int stateBytes();
}
