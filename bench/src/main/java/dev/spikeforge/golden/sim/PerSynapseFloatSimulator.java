package dev.spikeforge.golden.sim;

import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.ResetMode;
import java.util.Arrays;

/**
 * The float simulator as it was before it became event-driven over source-major rows: {@code
 * FloatSimulator} at commit 5e67cb2, copied verbatim (renamed, {@code runRasters} left out) so that
 * {@code bench.FloatEvalThroughput} can time the old algorithm against the new one in the same run
 * and check that their results are identical. Per spike it reads a weight column across the
 * target-major row arrays and computes every synapse's slot with a modulo. It lives in package
 * {@code sim} of the bench module because it uses the package-private {@link ReadoutDecision}, as
 * the original did.
 */
public final class PerSynapseFloatSimulator {
  private final FloatNetwork net;
  private final double[][] membranes;
  private final double[][][] pending;
  private final int[][] spikeBuf;
  private final int[] spikeLen;
  private final int[] rings;

  public PerSynapseFloatSimulator(FloatNetwork net) {
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
    return simulate(input, null);
  }

  private SimResult simulate(SpikeRaster input, int[][][] record) {
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
      if (decision.decidedAt(t, counts, out, outLen)) {
        break;
      }
    }
    return decision.result(counts, layerSpikes, inputSpikes, ops);
  }
}
