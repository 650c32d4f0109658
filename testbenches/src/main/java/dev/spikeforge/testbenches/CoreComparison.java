package dev.spikeforge.testbenches;

import dev.spikeforge.golden.sim.SimResult;
import dev.spikeforge.golden.sim.Trace;
import dev.spikeforge.golden.sim.TraceStep;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwLayer;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * Exact comparison of one sample's trace and output beats with the golden model's {@link Trace}:
 * the core must emit, in order, one trace beat per (step, layer, neuron group) for every simulated
 * step, whose spike bits and membranes (sign-extended) equal the golden model's, and then an output
 * beat equal to the golden {@link SimResult}. The first difference is returned.
 */
public final class CoreComparison {
  private CoreComparison() {}

  public static Optional<CoreMismatch> compare(String source, int sample, int sampleId, NetworkSpec net, HwCore core,
      Trace golden, StreamLog.SampleLog actual) {
    int mt = core.traceMembraneWidth();
    int k = 0;
    for (TraceStep st : golden.steps()) {
      for (int l = 0; l < core.layers().size(); l++) {
        HwLayer h = core.layers().get(l);
        String name = net.layers().get(l).name();
        boolean[] fired = new boolean[h.size()];
        for (int j : st.spikes()[l]) {
          fired[j] = true;
        }
        for (int g = 0; g < h.groups(); g++) {
          int neuron = g * h.lanes();
          if (k >= actual.trace().size()) {
            return Optional.of(new CoreMismatch(source, sample, sampleId, st.step(), l, name, neuron, "trace beat", 0, 0, 0,
                "the core emitted only " + actual.trace().size() + " trace beats; this group's beat is missing"));
          }
          StreamLog.TraceBeat b = actual.trace().get(k++);
          if (b.step() != st.step() || b.layer() != l || b.neuron() != neuron) {
            return Optional.of(new CoreMismatch(source, sample, sampleId, st.step(), l, name, neuron, "trace beat", 0, 0, 0,
                "trace beat " + (k - 1) + " is for step " + b.step() + ", layer " + b.layer() + ", neuron " + b.neuron()
                    + " instead"));
          }
          for (int p = 0; p < core.traceLanes(); p++) {
            int j = neuron + p;
            boolean exists = p < h.lanes() && j < h.size();
            long expSpike = exists && fired[j] ? 1 : 0;
            long actSpike = b.spikes().testBit(p) ? 1 : 0;
            if (expSpike != actSpike) {
              return Optional.of(new CoreMismatch(source, sample, sampleId, st.step(), l, name, j, "spike", 1, expSpike,
                  actSpike, exists ? "" : "lane " + p + " holds no neuron of this layer and must stay 0"));
            }
            long expV = exists ? st.membranes()[l][j] : 0;
            long actV = signed(b.membranes().shiftRight(p * mt), mt);
            if (expV != actV) {
              int w = exists ? h.membraneWidth() : mt;
              boolean extensionOnly = exists && signed(BigInteger.valueOf(actV), h.membraneWidth()) == expV;
              return Optional.of(new CoreMismatch(source, sample, sampleId, st.step(), l, name, j, "membrane",
                  extensionOnly ? mt : w, expV, actV, extensionOnly ? "only the sign extension to the trace width differs"
                      : exists ? "" : "lane " + p + " holds no neuron of this layer and must stay 0"));
            }
          }
        }
      }
    }
    if (k != actual.trace().size()) {
      StreamLog.TraceBeat b = actual.trace().get(k);
      return Optional.of(new CoreMismatch(source, sample, sampleId, b.step(), b.layer(),
          b.layer() < net.layers().size() ? net.layers().get(b.layer()).name() : "?", b.neuron(), "trace beat", 0, 0, 0,
          "the core emitted " + (actual.trace().size() - k) + " trace beats more than the golden model's "
              + golden.steps().size() + " steps"));
    }
    SimResult r = golden.result();
    StreamLog.OutBeat o = actual.out();
    if (o.decisionStep() != r.decisionStep()) {
      return out(source, sample, sampleId, -1, "decisionStep", HwCore.STEP_WIDTH, r.decisionStep(), o.decisionStep());
    }
    for (int c = 0; c < r.outputCounts().length; c++) {
      if (o.counts()[c] != r.outputCounts()[c]) {
        return out(source, sample, sampleId, c, "count", core.countWidth(), r.outputCounts()[c], o.counts()[c]);
      }
    }
    if (o.prediction() != r.prediction()) {
      return out(source, sample, sampleId, -1, "prediction", core.predictionWidth(), r.prediction(), o.prediction());
    }
    if (o.unique() != r.unique()) {
      return out(source, sample, sampleId, -1, "unique", 1, r.unique() ? 1 : 0, o.unique() ? 1 : 0);
    }
    return Optional.empty();
  }

  private static Optional<CoreMismatch> out(String source, int sample, int id, int neuron, String field, int width,
      long expected, long actual) {
    return Optional.of(new CoreMismatch(source, sample, id, -1, -1, "", neuron, field, width, expected, actual, ""));
  }

  static long signed(BigInteger bits, int width) {
    long v = bits.and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE)).longValue();
    return (v & (1L << (width - 1))) != 0 ? v - (1L << width) : v;
  }

  static String counts(int[] c) {
    return Arrays.toString(c);
  }
}
