package dev.spikeforge.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.FloatMembranes;
import dev.spikeforge.golden.sim.SpikeRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CubaLIF approximation against NIR's reference implementation ({@link CubaLifReference}): its
 * stated error figures are the real ones, and it is exact where it claims to be.
 */
@Tag("unit")
class CubaLifApproximationTest {
  static final double DT = 1e-4;

  /** Input(1) -> Linear(w) -> CubaLIF(1 neuron) -> Output. */
  static NirGraph single(double w, double tauSyn, double tauMem, double threshold) {
    return new NirGraph("1.0.0", Map.of(
        "input", new NirNode("input", "Input", Map.of("shape", NirArray.vector(1)), Map.of()),
        "w", new NirNode("w", "Linear", Map.of("weight", NirArray.matrix(new double[][] {{w}}, 1)), Map.of()),
        "cuba", new NirNode("cuba", "CubaLIF", Map.of("tau_syn", NirArray.vector(tauSyn), "tau_mem",
            NirArray.vector(tauMem), "r", NirArray.vector(tauMem / DT), "v_leak", NirArray.vector(0),
            "v_threshold", NirArray.vector(threshold), "w_in", NirArray.vector(tauSyn / DT)), Map.of()),
        "output", new NirNode("output", "Output", Map.of("shape", NirArray.vector(1)), Map.of())),
        java.util.List.of(new NirGraph.Edge("input", "w"), new NirGraph.Edge("w", "cuba"),
            new NirGraph.Edge("cuba", "output")), Map.of());
  }

  static FloatNetwork imported(NirGraph g, Path dir, int steps) throws IOException {
    Path file = dir.resolve("cuba.nir");
    NirHdf5.write(g, file);
    Path out = dir.resolve("cuba.json");
    Nir.importFile(new NirImportRequest(file, out, DT, null, null, steps, "cuba", false, false));
    return FloatNetworkJson.read(out);
  }

  /** The reference membrane of the single neuron under {@code in}. */
  static double[] reference(NirGraph g, boolean[] in) {
    CubaLifReference ref = new CubaLifReference(g.nodes().get("cuba"), DT);
    double w = g.nodes().get("w").param("weight").data()[0];
    double[] v = new double[in.length];
    for (int t = 0; t < in.length; t++) {
      ref.step(new double[] {in[t] ? w : 0});
      v[t] = ref.v[0];
    }
    return v;
  }

  @Test
  void oneSpikesErrorIsTheStatedPeakAndSum(@TempDir Path dir) throws IOException {
    double w = 0.7;
    NirGraph g = single(w, 4e-4, 6.666666666666667e-4, 1e9); // alpha 0.75, beta 0.85, never fires
    int steps = 400;
    FloatNetwork net = imported(g, dir, steps);
    boolean[] in = new boolean[steps];
    in[10] = true;
    double[] ref = reference(g, in);
    boolean[][] raster = new boolean[steps][1];
    raster[10][0] = true;
    FloatMembranes.Run run = FloatMembranes.run(net, SpikeRaster.ofDense(raster));
    double peak = 0;
    double sum = 0;
    for (int t = 0; t < steps; t++) {
      double e = Math.abs(run.membranes()[t][0][0] - ref[t]);
      peak = Math.max(peak, e);
      sum += e;
    }
    SynapseApproximation a = SynapseApproximation.best(0.75, 0.85);
    assertEquals(3, a.delay()); // the centroid is 4 steps; the leak makes one step earlier better
    assertEquals(a.delay(), net.layers().get(0).axonalDelays()[0]);
    double charge = w / (1 - 0.75); // the effective weight: the current's total charge
    assertEquals(a.peak() * charge, peak, 1e-9);
    assertEquals(a.l1() * charge, sum, 1e-9);
    assertTrue(a.peak() > 0.1, "the approximation is not exact here: " + a.peak());
  }

  @Test
  void aSynapseOfOneStepIsExactAndNotReportedAsAnApproximation(@TempDir Path dir) throws IOException {
    NirGraph g = single(0.6, DT, 5e-4, 1.0); // tau_syn = dt: the current lasts exactly one step
    Path file = dir.resolve("exact.nir");
    NirHdf5.write(g, file);
    NirImportReport r = Nir.importFile(new NirImportRequest(file, dir.resolve("exact.json"), DT, null,
        dev.spikeforge.golden.spec.ResetMode.SUBTRACT, 300,
        "cuba", true, false)); // --strict: no approximation may be taken
    assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    FloatNetwork net = FloatNetworkJson.read(dir.resolve("exact.json"));
    boolean[] in = new boolean[300];
    boolean[][] raster = new boolean[300][1];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    for (int t = 0; t < 300; t++) {
      in[t] = raster[t][0] = rnd.nextInt(2) == 0;
    }
    double[] ref = reference(g, in);
    FloatMembranes.Run run = FloatMembranes.run(net, SpikeRaster.ofDense(raster));
    CubaLifReference spikes = new CubaLifReference(g.nodes().get("cuba"), DT);
    int fired = 0;
    for (int t = 0; t < 300; t++) {
      boolean z = spikes.step(new double[] {in[t] ? 0.6 : 0})[0];
      assertEquals(z, run.spikes()[t][0][0], "step " + t);
      assertEquals(ref[t], run.membranes()[t][0][0], 1e-12, "step " + t);
      fired += z ? 1 : 0;
    }
    assertTrue(fired > 10, "the neuron should fire: " + fired);
  }
}
