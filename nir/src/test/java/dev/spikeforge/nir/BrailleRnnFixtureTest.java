package dev.spikeforge.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.FloatMembranes;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.ResetMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recurrent CubaLIF Braille network snnTorch exported for NIR's paper: it imports (with its
 * synapses approximated and the approximation reported), its parameters are the training
 * parameters, and its behaviour is compared with NIR's reference implementation (docs/nir.md).
 */
@Tag("unit")
class BrailleRnnFixtureTest {
  static final int T = 256;

  static NirImportReport importBraille(Path out, boolean strict) throws IOException {
    return Nir.importFile(new NirImportRequest(Fixtures.path(Fixtures.BRAILLE), out, null, null, ResetMode.SUBTRACT,
        T, "braille", strict, false));
  }

  @Test
  void importsAsTwoLayersWithTheTrainingDecaysAndReportsTheApproximation(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("braille.json");
    NirImportReport r = importBraille(out, false);
    FloatNetwork net = FloatNetworkJson.read(out);
    JsonNode params = new ObjectMapper().readTree(Fixtures.path(Fixtures.BRAILLE_PARAMS).toFile());
    assertEquals(12, net.inputSize());
    assertEquals(2, net.layers().size());
    FloatLayer hidden = net.layers().get(0);
    FloatLayer out7 = net.layers().get(1);
    assertEquals("lif1_lif", hidden.name());
    assertEquals(40, hidden.size());
    assertTrue(hidden.isRecurrent());
    assertEquals(7, out7.size());
    // the per-step decays are the training parameters (to the float32 precision of the file)
    assertEquals(params.get("beta_r").asDouble(), hidden.leak(), 1e-6);
    assertEquals(params.get("beta_out").asDouble(), out7.leak(), 1e-6);
    // the synapse: the delay with the least error, near the centroid tau_syn / dt = 1 / (1 - alpha)
    double alphaR = params.get("alpha_r").asDouble();
    double alphaOut = params.get("alpha_out").asDouble();
    long dHidden = SynapseApproximation.best(alphaR, params.get("beta_r").asDouble()).delay();
    long dOut = SynapseApproximation.best(alphaOut, params.get("beta_out").asDouble()).delay();
    assertEquals(3, dHidden);
    assertEquals(dHidden, hidden.axonalDelays()[0]);
    assertEquals(dHidden + 1, hidden.recurrentDelay(0, 0)); // the loop's own step plus the synapse's
    assertEquals(dOut, out7.axonalDelays()[0]);
    assertEquals(ResetMode.SUBTRACT, hidden.reset());
    // weight x dt/tau_mem x r x w_in = weight / (1 - alpha): the synaptic current's total charge
    double w = Fixtures.readGraph(Fixtures.BRAILLE).nodes().get("fc1").param("weight").at(0, 0);
    assertEquals(w / (1 - params.get("alpha_r").asDouble()), hidden.weights()[0][0], 1e-5);
    assertEquals(2, r.warnings().size(), r.warnings().toString());
    assertTrue(r.warnings().get(0).startsWith("node 'lif1.lif' (CubaLIF) is approximated"), r.warnings().get(0));
    assertTrue(r.warnings().get(1).startsWith("node 'lif2' (CubaLIF) is approximated"), r.warnings().get(1));
  }

  @Test
  void strictRefusesTheApproximationNamingTheNode(@TempDir Path dir) {
    Path out = dir.resolve("braille.json");
    NirException e = assertThrows(NirException.class, () -> importBraille(out, true));
    assertTrue(e.getMessage().startsWith("node 'lif1.lif' (CubaLIF) is approximated"), e.getMessage());
    assertTrue(e.getMessage().contains("--strict"), e.getMessage());
    assertTrue(!out.toFile().exists(), "nothing written");
  }

  /** Per-class output spike counts of NIR's reference implementation on one input. */
  static int[] reference(NirGraph g, boolean[][] in) {
    CubaLifReference l1 = new CubaLifReference(g.nodes().get("lif1.lif"), 1e-4);
    CubaLifReference l2 = new CubaLifReference(g.nodes().get("lif2"), 1e-4);
    NirArray fc1 = g.nodes().get("fc1").param("weight");
    NirArray rec = g.nodes().get("lif1.w_rec").param("weight");
    NirArray fc2 = g.nodes().get("fc2").param("weight");
    int[] counts = new int[7];
    for (boolean[] x : in) {
      double[] a = CubaLifReference.times(fc1, x);
      double[] b = CubaLifReference.times(rec, l1.z);
      for (int j = 0; j < a.length; j++) {
        a[j] += b[j];
      }
      boolean[] z2 = l2.step(CubaLifReference.times(fc2, l1.step(a)));
      for (int k = 0; k < 7; k++) {
        counts[k] += z2[k] ? 1 : 0;
      }
    }
    return counts;
  }

  static int argmax(int[] c) {
    int best = 0;
    for (int k = 1; k < c.length; k++) {
      if (c[k] > c[best]) {
        best = k;
      }
    }
    return best;
  }

  /**
   * Seeded Poisson inputs (the Braille recordings are not public here): how often the most active
   * output agrees with NIR's reference implementation, and the ratio of output spike counts. The
   * measured figures are in docs/nir.md; the bounds below keep them from getting worse unnoticed.
   */
  @Test
  void behaviourAgainstNirsReferenceImplementation(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("braille.json");
    importBraille(out, false);
    FloatNetwork net = FloatNetworkJson.read(out);
    NirGraph g = Fixtures.readGraph(Fixtures.BRAILLE);
    double[] rates = {0.02, 0.2};
    double[] minAgreement = {0.80, 0.90};
    for (int q = 0; q < rates.length; q++) {
      SplittableRandom rnd = new SplittableRandom(16 + q);
      int agree = 0;
      long ours = 0;
      long ref = 0;
      int samples = 100;
      for (int s = 0; s < samples; s++) {
        boolean[][] in = new boolean[T][12];
        for (boolean[] row : in) {
          for (int i = 0; i < 12; i++) {
            row[i] = rnd.nextDouble() < rates[q];
          }
        }
        int[] r = reference(g, in);
        FloatMembranes.Run run = FloatMembranes.run(net, SpikeRaster.ofDense(in));
        int[] c = new int[7];
        for (int t = 0; t < T; t++) {
          for (int k = 0; k < 7; k++) {
            c[k] += run.spikes()[t][1][k] ? 1 : 0;
          }
        }
        agree += argmax(c) == argmax(r) ? 1 : 0;
        for (int k = 0; k < 7; k++) {
          ours += c[k];
          ref += r[k];
        }
      }
      double agreement = agree / (double) samples;
      double ratio = ours / (double) ref;
      System.out.printf("rate %.2f: most active output agrees on %.0f%% of %d samples; output spikes %.2fx the"
          + " reference's%n", rates[q], 100 * agreement, samples, ratio);
      assertTrue(agreement >= minAgreement[q], "agreement " + agreement + " at rate " + rates[q]);
      assertTrue(ratio > 1 && ratio < 2.5, "spike count ratio " + ratio + " at rate " + rates[q]);
    }
  }

  @Test
  void theReferenceTranscriptionIsTheFixturesNetwork() {
    NirGraph g = Fixtures.readGraph(Fixtures.BRAILLE);
    assertNotNull(g.nodes().get("lif1.w_rec"));
    assertEquals("CubaLIF", g.nodes().get("lif1.lif").type());
    assertEquals(7, g.edges().size());
  }
}
