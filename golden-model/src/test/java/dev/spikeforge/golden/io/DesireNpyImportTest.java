package dev.spikeforge.golden.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Float32RateEncoder;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.FloatSimulator;
import dev.spikeforge.golden.sim.SimResult;
import dev.spikeforge.golden.sim.SpikeRaster;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import of the authors' networks from fc1.npy, fc2.npy, … (written here byte by byte, as numpy.save
 * would): structure, errors, and the forward pass against a direct transcription of the authors'
 * {@code SnnModel.forward} (linear layers), including their float32 input coding.
 */
@Tag("unit")
class DesireNpyImportTest {
  static void writeLayer(Path dir, String name, float[][] w) throws Exception {
    float[] flat = new float[w.length * w[0].length];
    for (int j = 0; j < w.length; j++) {
      System.arraycopy(w[j], 0, flat, j * w[0].length, w[0].length);
    }
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + w.length + ", " + w[0].length + "), }";
    Files.write(dir.resolve(name), NpyFileTest.npy(1, dict, NpyFileTest.floats(ByteOrder.LITTLE_ENDIAN, flat)));
  }

  static float[][] random(int out, int in, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] w = new float[out][in];
    for (int j = 0; j < out; j++) {
      for (int i = 0; i < in; i++) {
        w[j][i] = (float) (r.nextGaussian() * Math.sqrt(2.0 / in) * 1.5);
      }
    }
    return w;
  }

  @Test
  void structureIsTheAuthorsForwardSemantics(@TempDir Path dir) throws Exception {
    writeLayer(dir, "fc1.npy", random(12, 20, 1));
    writeLayer(dir, "fc2.npy", random(6, 12, 2));
    writeLayer(dir, "fc3.npy", random(3, 6, 3));
    assertTrue(DesireNpyImport.isExport(dir));
    FloatNetwork net = DesireNpyImport.load(dir, DesireNpyImport.Options.DEFAULT);
    assertEquals(20, net.inputSize());
    assertEquals(20, net.timesteps());
    assertEquals(3, net.layers().size());
    FloatLayer fc1 = net.layers().get(0);
    FloatLayer fc2 = net.layers().get(1);
    assertEquals("fc1", fc1.name());
    assertEquals(0.75, fc1.leak());
    assertEquals(1.0, fc1.threshold());
    assertEquals(0, fc1.maxDelay());
    assertNull(fc1.axonalDelays());
    assertEquals(1, fc2.maxDelay());
    assertArrayEquals(new int[12], java.util.Arrays.stream(fc2.axonalDelays()).map(d -> d - 1).toArray());
    assertEquals((double) random(12, 20, 1)[4][7], fc1.weights()[4][7]);
  }

  @Test
  void forwardEqualsATranscriptionOfTheAuthorsCode(@TempDir Path dir) throws Exception {
    float[][] w1 = random(30, 40, 4);
    float[][] w2 = random(5, 30, 5);
    writeLayer(dir, "fc1.npy", w1);
    writeLayer(dir, "fc2.npy", w2);
    FloatNetwork net = DesireNpyImport.load(dir, DesireNpyImport.Options.DEFAULT);
    FloatSimulator sim = new FloatSimulator(net);
    SplittableRandom r = new SplittableRandom(9);
    int checked = 0;
    for (int sample = 0; sample < 40; sample++) {
      byte[] image = new byte[40];
      for (int i = 0; i < 40; i++) {
        image[i] = (byte) (r.nextInt(3) == 0 ? 0 : r.nextInt(256));
      }
      image[0] = 60; // a pixel value where float32 coding differs from the exact one
      SpikeRaster x = new Float32RateEncoder().encode(image, 20, sample);
      SimResult mine = sim.run(x);
      int[] theirs = authorsForward(image, new float[][][] {w1, w2}, 20);
      assertArrayEquals(theirs, mine.outputCounts(), "sample " + sample);
      checked += java.util.Arrays.stream(theirs).sum();
    }
    assertTrue(checked > 0, "the outputs should spike");
  }

  /**
   * The authors' SnnModel.forward for the configuration I, F, L, L, …: input layer float32
   * integrate-and-fire, spikes stored at index t; linear layers: decay, add W·s, fire, subtract,
   * spikes stored at index t+1; each layer reads its predecessor's spikes at index t. Returns the
   * output spike counts (sum over indices 0..T). Membranes of the linear layers in double.
   */
  static int[] authorsForward(byte[] image, float[][][] w, int steps) {
    int n = image.length;
    float[] vin = new float[n];
    float[][] inSpikes = new float[steps + 1][n];
    double[][] v = new double[w.length][];
    double[][][] spikes = new double[w.length][steps + 1][];
    for (int l = 0; l < w.length; l++) {
      v[l] = new double[w[l].length];
      for (int t = 0; t <= steps; t++) {
        spikes[l][t] = new double[w[l].length];
      }
    }
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < n; i++) {
        vin[i] += (float) (image[i] & 0xFF) / 255f;
        boolean s = vin[i] >= 1f;
        if (s) {
          vin[i] -= 1f;
        }
        inSpikes[t][i] = s ? 1 : 0;
      }
      for (int l = 0; l < w.length; l++) {
        double[] in = l == 0 ? toDouble(inSpikes[t]) : spikes[l - 1][t];
        for (int j = 0; j < w[l].length; j++) {
          v[l][j] = 0.75 * v[l][j];
          double sum = 0;
          for (int i = 0; i < in.length; i++) {
            if (in[i] != 0) {
              sum += w[l][j][i];
            }
          }
          v[l][j] = v[l][j] + sum;
          boolean s = v[l][j] >= 1.0;
          if (s) {
            v[l][j] -= 1.0;
          }
          spikes[l][t + 1][j] = s ? 1 : 0;
        }
      }
    }
    int last = w.length - 1;
    int[] counts = new int[w[last].length];
    for (int t = 0; t <= steps; t++) {
      for (int j = 0; j < counts.length; j++) {
        counts[j] += (int) spikes[last][t][j];
      }
    }
    return counts;
  }

  static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  @Test
  void exportThenImportIsExact(@TempDir Path dir) throws Exception {
    writeLayer(dir, "fc1.npy", random(7, 9, 6));
    writeLayer(dir, "fc2.npy", random(2, 7, 7));
    FloatNetwork a = DesireNpyImport.load(dir, DesireNpyImport.Options.DEFAULT);
    Path out = dir.resolve("again");
    DesireNpyImport.export(a, out);
    FloatNetwork b = DesireNpyImport.load(out, DesireNpyImport.Options.DEFAULT);
    for (int l = 0; l < 2; l++) {
      assertArrayEquals(a.layers().get(l).weights()[1], b.layers().get(l).weights()[1]);
    }
  }

  @Test
  void errorsNameTheFile(@TempDir Path dir) throws Exception {
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> DesireNpyImport.load(dir, DesireNpyImport.Options.DEFAULT));
    assertTrue(e.getMessage().contains("holds no fc1.npy"), e.getMessage());
    writeLayer(dir, "fc1.npy", random(7, 9, 6));
    writeLayer(dir, "fc2.npy", random(2, 8, 7));
    e = assertThrows(ModelFormatException.class, () -> DesireNpyImport.load(dir, DesireNpyImport.Options.DEFAULT));
    assertTrue(e.getMessage().contains("fc2.npy: has 8 inputs but fc1.npy has 7 outputs"), e.getMessage());
  }
}
