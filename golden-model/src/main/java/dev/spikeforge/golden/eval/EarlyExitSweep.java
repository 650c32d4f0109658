package dev.spikeforge.golden.eval;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.readout.Readout;
import dev.spikeforge.golden.sim.CompiledNetwork;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.sim.Trace;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Accuracy against decision time for FIRST_TO_FIRE readouts with decision counts K = 1..Kmax.
 *
 * <p>Early exit does not change the network's dynamics before the decision step, so one full-length
 * run per sample (with the readout switched to SPIKE_COUNT) gives the output spike history from which
 * every K's decision follows, by the same {@link Readout} rule the simulator uses. A test checks the
 * result against separate FIRST_TO_FIRE simulations.
 */
public final class EarlyExitSweep {
  private EarlyExitSweep() {}

  /**
   * One point of the sweep.
   *
   * @param decisionCount K (0 stands for the full-length SPIKE_COUNT baseline)
   * @param accuracy fraction of samples decided correctly (unique rule)
   * @param meanDecisionStep mean steps simulated
   * @param earlyExits samples decided before T
   */
  public record Point(int decisionCount, double accuracy, double meanDecisionStep, int earlyExits) {
    /** {@link #meanDecisionStep()} in percent of the {@code timesteps} a sample may take. */
    public double meanDecisionPercent(int timesteps) {
      return 100 * meanDecisionStep / timesteps;
    }
  }

  /** Sweeps K = 1..maxCount on the integer golden model; the first point is the SPIKE_COUNT baseline. */
  public static List<Point> run(NetworkSpec net, Dataset data, SpikeEncoder encoder, int maxCount) {
    if (maxCount < 1 || maxCount > 255) {
      throw new IllegalArgumentException("maxCount must be in 1..255, got " + maxCount);
    }
    NetworkSpec full = new NetworkSpec(net.name(), net.numericsVersion(), net.inputSize(), net.timesteps(),
        net.layers(), ReadoutSpec.spikeCount(), net.encoder());
    IntSimulator sim = new IntSimulator(new CompiledNetwork(full));
    int T = net.timesteps();
    int outputs = net.outputSize();
    int last = net.layers().size() - 1;
    int[] correct = new int[maxCount + 1];
    long[] steps = new long[maxCount + 1];
    int[] early = new int[maxCount + 1];
    for (int s = 0; s < data.size(); s++) {
      SpikeRaster x = data.isTemporal() ? data.raster(s) : data.encode(s, encoder, T);
      Trace tr = sim.runTraced(x, "");
      int label = data.label(s);
      int[] finalCounts = tr.result().outputCounts();
      correct[0] += tr.result().correct(label) ? 1 : 0;
      steps[0] += T;
      for (int k = 1; k <= maxCount; k++) {
        int[] counts = new int[outputs];
        int decided = -1;
        boolean unique = false;
        int stepsRun = T;
        for (int t = 0; t < T && decided < 0; t++) {
          int[] out = tr.steps().get(t).spikes()[last];
          for (int j : out) {
            counts[j]++;
          }
          int first = Readout.firstToReach(counts, out, out.length, k);
          if (first >= 0) {
            decided = first;
            unique = Readout.reachedCount(counts, out, out.length, k) == 1;
            stepsRun = t + 1;
          }
        }
        if (decided < 0) {
          decided = Readout.argmax(finalCounts);
          unique = Readout.uniqueMax(finalCounts);
        }
        correct[k] += (decided == label && unique) ? 1 : 0;
        steps[k] += stepsRun;
        early[k] += stepsRun < T ? 1 : 0;
      }
    }
    List<Point> points = new ArrayList<>();
    int n = Math.max(1, data.size());
    for (int k = 0; k <= maxCount; k++) {
      points.add(new Point(k, correct[k] / (double) n, steps[k] / (double) n, early[k]));
    }
    return points;
  }
}
