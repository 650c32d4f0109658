package dev.spikeforge.golden.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.FloatSimulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LinearReadoutFitTest {
  @Test
  void choleskySolvesAHandExample() {
    // A = [[4, 2], [2, 3]], b = [2, 1] -> x = [0.5, 0]
    double[] a = {4, 2, 2, 3};
    LinearReadoutFit.choleskyInPlace(a, 2);
    double[] b = {2, 1};
    LinearReadoutFit.solveCholesky(a, 2, b);
    assertEquals(0.5, b[0], 1e-12);
    assertEquals(0.0, b[1], 1e-12);
  }

  /** Two classes that light up disjoint halves of a 4-pixel image are separated perfectly. */
  @Test
  void separatesALinearlySeparableToyTask() {
    byte[][] x = new byte[40][];
    int[] y = new int[40];
    for (int s = 0; s < 40; s++) {
      y[s] = s % 2;
      int on = 150 + s;
      x[s] = y[s] == 0 ? new byte[] {(byte) on, (byte) on, 0, 0} : new byte[] {0, 0, (byte) on, (byte) on};
    }
    Dataset d = Dataset.ofIntensities("toy", new int[] {4}, 2, x, y);
    FloatNetwork net = LinearReadoutFit.fit(d, 20, 0.1);
    FloatSimulator sim = new FloatSimulator(net);
    int correct = 0;
    for (int s = 0; s < 40; s++) {
      correct += sim.run(d.encode(s, new RateEncoder(), 20)).correct(y[s]) ? 1 : 0;
    }
    assertEquals(40, correct);
    assertTrue(net.layers().get(0).weights()[0][0] > 0 && net.layers().get(0).weights()[0][2] <= 0);
  }
}
