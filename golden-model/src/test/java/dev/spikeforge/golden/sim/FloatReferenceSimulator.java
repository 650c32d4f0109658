package dev.spikeforge.golden.sim;

import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.ResetMode;
import java.util.Arrays;

/**
 * {@link FloatSimulator} as it was before it became source-major (commit 5e67cb2), kept as the
 * reference its results must equal bit for bit: it reads each weight from the target-major {@code
 * weights[j][i]} and computes each synapse's slot with {@code (slot + delay(j, i)) % ring}, one
 * synapse at a time. The only addition is the {@link FloatSimulator.StepObserver} hook, called where
 * the new simulator calls it; the arithmetic is untouched.
 */
public final class FloatReferenceSimulator {
  private final FloatNetwork net;
  private final double[][] membranes;
  private final double[][][] pending;
  private final int[][] spikeBuf;
  private final int[] spikeLen;
  private final int[] rings;

  public FloatReferenceSimulator(FloatNetwork net) {
    this.net = net;
    int n = net.layers().size();
    membranes = new double[n][];
    pending = new double[n][][];
    spikeBuf = new int[n][];
    spikeLen = new int[n];
    rings = new int[n];
    for (int l = 0; l < n; l++) {
      FloatLayer f = net.layers().get(l);
      boolean delays = f.axonalDelays() != null || f.synapticDelays() != null || f.isRecurrent();
      rings[l] = delays ? Math.max(1, f.maxDelay()) + 1 : 1;
      membranes[l] = new double[f.size()];
      pending[l] = new double[rings[l]][f.size()];
      spikeBuf[l] = new int[f.size()];
    }
  }

  /** Runs one sample. */
  public SimResult run(SpikeRaster input) {
    return simulate(input, null, null);
  }

  /**
   * Runs one sample and returns the spikes of every layer: {@code [layer]} raster over the steps
   * simulated.
   */
  SpikeRaster[] runRasters(SpikeRaster input) {
    int n = net.layers().size();
    int[][][] ev = new int[n][net.timesteps()][];
    SimResult r = simulate(input, ev, null);
    SpikeRaster[] out = new SpikeRaster[n];
    for (int l = 0; l < n; l++) {
      out[l] = SpikeRaster.of(net.layers().get(l).size(), Arrays.copyOf(ev[l], r.decisionStep()));
    }
    return out;
  }

  SimResult simulate(SpikeRaster input, int[][][] record, FloatSimulator.StepObserver observer) {
    if (input.channels() != net.inputSize()) {
      throw new IllegalArgumentException(
          "input has " + input.channels() + " channels, network '" + net.name() + "' expects " + net.inputSize());
    }
    for (int l = 0; l < membranes.length; l++) {
      Arrays.fill(membranes[l], 0);
      for (double[] slot : pending[l]) {
        Arrays.fill(slot, 0);
      }
    }
    int layersN = net.layers().size();
    int[] counts = new int[net.outputSize()];
    long[] layerSpikes = new long[layersN];
    long inputSpikes = 0;
    long ops = 0;
    int T = net.timesteps();
    ReadoutDecision decision = new ReadoutDecision(net.readout(), T);
    for (int t = 0; t < T; t++) {
      int[] events = t < input.steps() ? input.at(t) : new int[0];
      int eventsLen = events.length;
      inputSpikes += eventsLen;
      for (int l = 0; l < layersN; l++) {
        FloatLayer f = net.layers().get(l);
        int ring = rings[l];
        int slot = t % ring;
        double[][] pend = pending[l];
        for (int e = 0; e < eventsLen; e++) {
          int i = events[e];
          for (int j = 0; j < f.size(); j++) {
            pend[(slot + f.delay(j, i)) % ring][j] += f.weights()[j][i];
          }
        }
        ops += (long) eventsLen * f.size();
        double[] v = membranes[l];
        double[] cur = pend[slot];
        int count = 0;
        for (int j = 0; j < f.size(); j++) {
          double v2 = f.leak() * v[j] + cur[j];
          cur[j] = 0;
          boolean s = v2 >= f.threshold();
          v[j] = s ? (f.reset() == ResetMode.SUBTRACT ? v2 - f.threshold() : 0) : v2;
          if (s) {
            spikeBuf[l][count++] = j;
          }
        }
        spikeLen[l] = count;
        if (f.isRecurrent()) {
          for (int e = 0; e < count; e++) {
            int k = spikeBuf[l][e];
            for (int j = 0; j < f.size(); j++) {
              pend[(slot + f.recurrentDelay(j, k)) % ring][j] += f.recurrentWeights()[j][k];
            }
          }
          ops += (long) count * f.size();
        }
        layerSpikes[l] += count;
        if (record != null) {
          record[l][t] = Arrays.copyOf(spikeBuf[l], count);
        }
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
}
