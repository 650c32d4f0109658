package dev.spikeforge.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.sim.FloatSimulator;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export then import gives the same network, bit for bit; the graph alone computes the same spikes. */
@Tag("unit")
class RoundTripTest {
  static final Discretisation DISC = new Discretisation(Discretisation.DEFAULT_DT, Discretisation.Method.EULER);

  /** Integer networks covering every feature: delays of both kinds, recurrence, binarized layers, readouts. */
  static List<NetworkSpec> integerNetworks() {
    List<NetworkSpec> nets = new ArrayList<>();
    long seed = 1;
    for (int[] sizes : new int[][] {{5, 7, 4}, {3, 6, 6, 2}, {9, 1}}) {
      for (int maxDelay : new int[] {0, 3, 6}) {
        for (boolean recurrent : new boolean[] {false, true}) {
          for (boolean binarized : new boolean[] {false, true}) {
            nets.add(RandomNetworks.generate(new RandomNetworks.Options(sizes, 30, 4 + (int) (seed % 5), 12, maxDelay,
                maxDelay > 0, maxDelay > 0 && seed % 2 == 0, recurrent, binarized,
                seed % 3 == 0 ? ReadoutSpec.firstToFire(2) : ReadoutSpec.spikeCount(), 0.05), seed));
            seed++;
          }
        }
      }
    }
    return nets;
  }

  private static Path export(NetworkSpec net, Path dir, String stem) throws IOException {
    Path model = dir.resolve(stem + ".json");
    NetworkJson.write(net, model);
    Path nir = dir.resolve(stem + ".nir");
    Nir.exportFile(new NirExportRequest(model, nir, DISC));
    return nir;
  }

  @Test
  void integerNetworksComeBackBitForBit(@TempDir Path dir) throws IOException {
    int k = 0;
    for (NetworkSpec net : integerNetworks()) {
      Path nir = export(net, dir, "n" + k);
      Path back = dir.resolve("n" + k + ".back.json");
      NirImportReport r = Nir.importFile(NirImportRequest.of(nir, back));
      assertTrue(r.fromMetadata(), net.name() + ": " + r.warnings());
      assertEquals(NetworkJson.FORMAT, r.format());
      assertTrue(r.warnings().isEmpty(), r.warnings().toString());
      assertEquals(NetworkJson.write(net), Files.readString(back), net.name());
      k++;
    }
  }

  @Test
  void floatNetworksComeBackBitForBit(@TempDir Path dir) throws IOException {
    SplittableRandom rnd = new SplittableRandom(7);
    int k = 0;
    for (NetworkSpec spec : integerNetworks()) {
      FloatNetwork f = perturbed(FloatNetwork.of(spec), rnd, k % 2 == 0);
      Path model = dir.resolve("f" + k + ".json");
      FloatNetworkJson.write(f, model);
      Path nir = dir.resolve("f" + k + ".nir");
      Nir.exportFile(new NirExportRequest(model, nir,
          new Discretisation(2.5e-4, k % 3 == 0 ? Discretisation.Method.EXACT : Discretisation.Method.EULER)));
      Path back = dir.resolve("f" + k + ".back.json");
      NirImportReport r = Nir.importFile(NirImportRequest.of(nir, back));
      assertTrue(r.fromMetadata(), r.warnings().toString());
      assertEquals(FloatNetworkJson.write(f), Files.readString(back));
      k++;
    }
  }

  /** Real-valued weights (float32 ones or not), thresholds and leaks. */
  static FloatNetwork perturbed(FloatNetwork f, SplittableRandom rnd, boolean float32) {
    List<FloatLayer> layers = new ArrayList<>();
    for (FloatLayer l : f.layers()) {
      layers.add(new FloatLayer(l.name(), l.kind(), l.inputSize(), l.size(), 0.5 + rnd.nextDouble(),
          rnd.nextInt(4) == 0 ? 1.0 : 0.5 + rnd.nextDouble() / 2, l.reset(), noise(l.weights(), rnd, float32),
          l.maxDelay(), l.axonalDelays(), l.synapticDelays(), noise(l.recurrentWeights(), rnd, float32),
          l.recurrentDelays()));
    }
    return new FloatNetwork(f.name(), f.inputSize(), f.timesteps(), layers, f.readout());
  }

  private static double[][] noise(double[][] m, SplittableRandom rnd, boolean float32) {
    if (m == null) {
      return null;
    }
    double[][] out = new double[m.length][];
    for (int j = 0; j < m.length; j++) {
      out[j] = new double[m[j].length];
      for (int i = 0; i < m[j].length; i++) {
        double v = m[j][i] == 0 ? 0 : m[j][i] * rnd.nextDouble();
        out[j][i] = float32 ? (float) v : v;
      }
    }
    return out;
  }

  /**
   * What a tool that knows nothing of spikeforge's model metadata sees: the graph alone (plus the
   * per-node reset, which NIR cannot express) computes exactly the spikes of the network's float twin.
   */
  @Test
  void theGraphAloneComputesTheSameSpikes(@TempDir Path dir) throws IOException {
    SplittableRandom rnd = new SplittableRandom(3);
    int k = 0;
    for (NetworkSpec net : integerNetworks()) {
      Path nir = export(net, dir, "g" + k);
      NirGraph g = NirHdf5.read(nir);
      Map<String, Object> md = new LinkedHashMap<>(g.metadata());
      md.remove(GraphExport.MODEL);
      Path stripped = dir.resolve("g" + k + ".stripped.nir");
      NirHdf5.write(new NirGraph(g.version(), g.nodes(), g.edges(), md), stripped);
      Path back = dir.resolve("g" + k + ".json");
      NirImportReport r = Nir.importFile(new NirImportRequest(stripped, back, null, null, null, net.timesteps(),
          null, true, false));
      assertFalse(r.fromMetadata());
      FloatNetwork derived = FloatNetworkJson.read(back);
      FloatNetwork twin = FloatNetwork.of(net);
      assertNull(ModelMatch.difference(twin, renamed(derived, twin)), net.name());
      FloatSimulator a = new FloatSimulator(twin);
      FloatSimulator b = new FloatSimulator(renamed(derived, twin));
      for (int s = 0; s < 5; s++) {
        boolean[][] in = new boolean[net.timesteps()][net.inputSize()];
        for (boolean[] row : in) {
          for (int i = 0; i < row.length; i++) {
            row[i] = rnd.nextInt(3) == 0;
          }
        }
        SpikeRaster x = SpikeRaster.ofDense(in);
        SpikeRaster[] ra = a.runRasters(x);
        SpikeRaster[] rb = b.runRasters(x);
        assertArrayEquals(ra, rb, net.name() + " sample " + s);
      }
      k++;
    }
  }

  private static FloatNetwork renamed(FloatNetwork derived, FloatNetwork like) {
    return new FloatNetwork(like.name(), derived.inputSize(), derived.timesteps(), derived.layers(), like.readout());
  }

  @Test
  void anotherStepLengthMakesTheMetadataDisagreeAndTheGraphWins(@TempDir Path dir) throws IOException {
    NetworkSpec net = integerNetworks().get(7);
    Path nir = export(net, dir, "dt");
    Path back = dir.resolve("dt.json");
    NirImportReport r = Nir.importFile(new NirImportRequest(nir, back, 5e-5, null, null, null, null, true, false));
    assertFalse(r.fromMetadata());
    assertEquals(FloatNetworkJson.FORMAT, r.format());
    assertTrue(r.warnings().get(0).contains("does not match its graph"), r.warnings().toString());
  }

  @Test
  void theExportIsDeterministic(@TempDir Path dir) throws IOException {
    NetworkSpec net = integerNetworks().get(11);
    Path a = export(net, dir, "a");
    Path b = export(net, dir, "b");
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }
}
