package dev.spikeforge.bench;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a network trained on an image stream uses (docs/benchmarks.md, "Three-factor rule on a row-by-row
 * image stream"): its integer test accuracy when the image rows arrive in another order, and, for a
 * network with learned delays, when its feed-forward delays are all set to 0. A network whose accuracy
 * survives a row permutation classifies a bag of rows (the order, and so any delay between rows, carries
 * nothing it uses); one whose accuracy survives zeroed delays does not use what it learned in them.
 */
final class StreamProbes {
  private StreamProbes() {}

  /** Accuracies of one trained network: as trained, rows reversed, rows permuted, delays zeroed (NaN without delays). */
  record Result(double asTrained, double reversed, double permuted, double delaysZeroed) {}

  static Result of(NetworkSpec net, Dataset test, int imageSteps) {
    int[] reversed = new int[imageSteps];
    for (int t = 0; t < imageSteps; t++) {
      reversed[t] = imageSteps - 1 - t;
    }
    int[] permuted = permutation(imageSteps, 0);
    boolean delays = hasFeedforwardDelays(net.layers().get(0));
    return new Result(accuracy(net, test), accuracy(net, reorder(test, reversed)), accuracy(net, reorder(test, permuted)),
        delays ? accuracy(withoutDelays(net), test) : Double.NaN);
  }

  /** The test set with image step t showing what step {@code order[t]} showed; the silent steps unchanged. */
  static Dataset reorder(Dataset d, int[] order) {
    SpikeRaster[] out = new SpikeRaster[d.size()];
    for (int i = 0; i < d.size(); i++) {
      SpikeRaster r = d.raster(i);
      int[][] events = new int[r.steps()][];
      for (int t = 0; t < r.steps(); t++) {
        events[t] = r.at(t < order.length ? order[t] : t).clone();
      }
      out[i] = SpikeRaster.wrapTrusted(r.channels(), events);
    }
    return Dataset.ofRasters(d.name() + "-reordered", d.shape()[0], d.shape()[1], d.classes(), out, d.labels());
  }

  /** A fixed pseudo-random permutation of 0..n−1 (Fisher–Yates from {@code SplittableRandom(seed)}). */
  static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** The network with every feed-forward delay of its first layer 0 (recurrent delays kept). */
  static NetworkSpec withoutDelays(NetworkSpec net) {
    List<LayerSpec> layers = new ArrayList<>(net.layers());
    LayerSpec l = layers.get(0);
    int[] axonal = l.axonalDelays() == null ? null : new int[l.inputSize()];
    int[][] synaptic = l.synapticDelays() == null ? null : new int[l.size()][l.inputSize()];
    layers.set(0, new LayerSpec(l.name(), l.kind(), l.inputSize(), l.size(), l.weightWidth(), l.neuron(), l.weights(),
        l.maxDelay(), axonal, synaptic, l.recurrentWeights(), l.recurrentDelays(), l.leakShifts()));
    return new NetworkSpec(net.name(), net.numericsVersion(), net.inputSize(), net.timesteps(), layers, net.readout(),
        net.encoder());
  }

  private static boolean hasFeedforwardDelays(LayerSpec l) {
    return l.axonalDelays() != null || l.synapticDelays() != null;
  }

  private static double accuracy(NetworkSpec net, Dataset test) {
    return Evaluator.evaluate(net, test, null, 1, null).accuracy();
  }
}
