package dev.spikeforge.nir;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What spikeforge cannot represent is refused with one error naming the node, and nothing is written. */
@Tag("unit")
class RefusalTest {
  /** A small graph under construction: nodes and edges, written as a real NIR file. */
  static final class G {
    final Map<String, NirNode> nodes = new LinkedHashMap<>();
    final List<NirGraph.Edge> edges = new ArrayList<>();

    G node(String name, String type, Object... kv) {
      Map<String, NirArray> p = new LinkedHashMap<>();
      for (int k = 0; k < kv.length; k += 2) {
        p.put((String) kv[k], (NirArray) kv[k + 1]);
      }
      nodes.put(name, new NirNode(name, type, p, Map.of()));
      return this;
    }

    G edge(String from, String to) {
      edges.add(new NirGraph.Edge(from, to));
      return this;
    }

    /** Input(2) -> w (Linear 3x2) -> lif (LIF 3) -> Output(3), to be changed by each test. */
    static G lifChain() {
      return new G().node("input", "Input", "shape", NirArray.vector(2))
          .node("w", "Linear", "weight", NirArray.matrix(new double[][] {{1, 2}, {3, 4}, {5, 6}}, 2))
          .node("lif", "LIF", "tau", NirArray.vector(1e-3, 1e-3, 1e-3), "r", NirArray.vector(1, 1, 1),
              "v_leak", NirArray.vector(0, 0, 0), "v_threshold", NirArray.vector(1, 1, 1))
          .node("output", "Output", "shape", NirArray.vector(3))
          .edge("input", "w").edge("w", "lif").edge("lif", "output");
    }
  }

  private static String refused(G g, Path dir) throws IOException {
    Path file = dir.resolve("g.nir");
    NirHdf5.write(new NirGraph("1.0.0", g.nodes, g.edges, Map.of()), file);
    Path out = dir.resolve("out.json");
    NirException e = assertThrows(NirException.class, () -> Nir.importFile(NirImportRequest.of(file, out)));
    assertFalse(Files.exists(out), "nothing written");
    return e.getMessage();
  }

  private static void assertMentions(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "'" + p + "' missing from: " + message);
    }
  }

  @Test
  void theChainImports(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("ok.nir");
    G g = G.lifChain();
    NirHdf5.write(new NirGraph("1.0.0", g.nodes, g.edges, Map.of()), file);
    NirImportReport r = Nir.importFile(NirImportRequest.of(file, dir.resolve("ok.json")));
    assertTrue(r.warnings().isEmpty());
    assertTrue(Files.exists(dir.resolve("ok.json")));
  }

  @Test
  void aDamagedMetadataStepIsBlamedOnTheFileNotOnTheOption(@TempDir Path dir) throws IOException {
    G g = G.lifChain();
    Path file = dir.resolve("bad-dt.nir");
    NirHdf5.write(new NirGraph("1.0.0", g.nodes, g.edges, Map.of(GraphExport.DT, NirArray.vector(-1e-3))), file);
    Path out = dir.resolve("out.json");
    NirException e = assertThrows(NirException.class, () -> Nir.importFile(NirImportRequest.of(file, out)));
    assertMentions(e.getMessage(), file.toString(), "metadata 'spikeforge_dt' = -0.001", "--dt", "--ignore-metadata");
    assertFalse(e.getMessage().startsWith("--dt"), e.getMessage());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void convolutionAndPooling(@TempDir Path dir) throws IOException {
    G g = G.lifChain().node("conv", "Conv2d", "weight", NirArray.vector(1)).edge("input", "conv");
    assertMentions(refused(g, dir), "node 'conv' (Conv2d)", "convolutions are not supported");
    G p = G.lifChain().node("pool", "SumPool2d", "kernel_size", NirArray.vector(2, 2)).edge("lif", "pool");
    assertMentions(refused(p, dir), "node 'pool' (SumPool2d)", "pooling is not supported");
  }

  @Test
  void nonSpikingReadout(@TempDir Path dir) throws IOException {
    G g = G.lifChain().node("li", "LI", "tau", NirArray.vector(1e-3), "r", NirArray.vector(1),
        "v_leak", NirArray.vector(0));
    assertMentions(refused(g, dir), "node 'li' (LI)", "never spikes");
  }

  @Test
  void biasRestPotentialAndResetLevel(@TempDir Path dir) throws IOException {
    G g = G.lifChain().node("w", "Affine", "weight", NirArray.matrix(new double[][] {{1, 2}, {3, 4}, {5, 6}}, 2),
        "bias", NirArray.vector(0, 0.5, 0));
    assertMentions(refused(g, dir), "node 'w' (Affine)", "bias 0.5 is not zero");
    G leak = G.lifChain().node("lif", "LIF", "tau", NirArray.vector(1e-3), "r", NirArray.vector(1),
        "v_leak", NirArray.vector(-0.1), "v_threshold", NirArray.vector(1));
    assertMentions(refused(leak, dir), "node 'lif' (LIF)", "v_leak = -0.1 is not zero");
    G reset = G.lifChain().node("lif", "LIF", "tau", NirArray.vector(1e-3), "r", NirArray.vector(1),
        "v_leak", NirArray.vector(0), "v_threshold", NirArray.vector(1), "v_reset", NirArray.vector(0.2));
    assertMentions(refused(reset, dir), "node 'lif' (LIF)", "v_reset = 0.2");
  }

  @Test
  void unknownParameterAndUnknownPrimitive(@TempDir Path dir) throws IOException {
    G g = G.lifChain().node("lif", "LIF", "tau", NirArray.vector(1e-3), "r", NirArray.vector(1),
        "v_leak", NirArray.vector(0), "v_threshold", NirArray.vector(1), "refractory", NirArray.vector(2e-3));
    assertMentions(refused(g, dir), "node 'lif' (LIF)", "unknown parameter 'refractory'");
    G u = G.lifChain().node("x", "Izhikevich", "a", NirArray.vector(1));
    assertMentions(refused(u, dir), "node 'x' (Izhikevich)", "unknown NIR primitive");
  }

  @Test
  void timeConstantsAndDelays(@TempDir Path dir) throws IOException {
    G fast = G.lifChain().node("lif", "LIF", "tau", NirArray.vector(5e-5), "r", NirArray.vector(1),
        "v_leak", NirArray.vector(0), "v_threshold", NirArray.vector(1));
    assertMentions(refused(fast, dir), "node 'lif' (LIF)", "tau = 5.0E-5 s is not larger than dt", "--discretisation exact");
    G mixed = G.lifChain().node("lif", "LIF", "tau", NirArray.vector(1e-3, 2e-3, 1e-3), "r", NirArray.vector(1),
        "v_leak", NirArray.vector(0), "v_threshold", NirArray.vector(1));
    assertMentions(refused(mixed, dir), "node 'lif' (LIF)", "'tau' differs between neurons");
    G half = G.lifChain().node("d", "Delay", "delay", NirArray.vector(1.5e-4, 1e-4));
    half.edges.set(0, new NirGraph.Edge("input", "d"));
    half.edge("d", "w");
    assertMentions(refused(half, dir), "node 'd' (Delay)", "delay[0] = 1.5E-4 s is not a whole number of steps");
  }

  @Test
  void graphsThatAreNotAChainOfLayers(@TempDir Path dir) throws IOException {
    G branch = G.lifChain().node("w2", "Linear", "weight", NirArray.matrix(new double[][] {{1, 1}}, 2))
        .node("lif2", "IF", "r", NirArray.vector(1), "v_threshold", NirArray.vector(1))
        .edge("input", "w2").edge("w2", "lif2");
    assertMentions(refused(branch, dir), "nodes 'lif' and 'lif2' both read 'input'");
    G skip = G.lifChain().node("w2", "Linear", "weight", NirArray.matrix(new double[][] {{1, 1, 1}}, 3))
        .node("lif2", "IF", "r", NirArray.vector(1), "v_threshold", NirArray.vector(1))
        .node("skip", "Linear", "weight", NirArray.matrix(new double[][] {{1, 1}}, 2))
        .edge("lif", "w2").edge("w2", "lif2").edge("input", "skip").edge("skip", "lif2");
    skip.edges.remove(new NirGraph.Edge("lif", "output"));
    skip.node("output", "Output", "shape", NirArray.vector(1)).edge("lif2", "output");
    assertMentions(refused(skip, dir), "node 'lif2' (IF)", "reads 'input' as well as 'lif'", "no skip connections");
    G series = G.lifChain().node("w0", "Linear", "weight", NirArray.matrix(new double[][] {{1, 0}, {0, 1}}, 2));
    series.edges.set(0, new NirGraph.Edge("input", "w0"));
    series.edge("w0", "w");
    assertMentions(refused(series, dir), "node 'w0' (Linear)", "multiply the two matrices");
    G dangling = G.lifChain().edge("lif", "nowhere");
    assertMentions(refused(dangling, dir), "edge lif -> nowhere: there is no node 'nowhere'");
    G twoInputs = G.lifChain().node("input2", "Input", "shape", NirArray.vector(2));
    assertMentions(refused(twoInputs, dir), "node 'input2' (Input)", "a second Input");
  }

  @Test
  void filesThatAreNotNir(@TempDir Path dir) throws IOException {
    Path text = dir.resolve("model.json");
    Files.writeString(text, "{}");
    NirException e = assertThrows(NirException.class,
        () -> Nir.importFile(NirImportRequest.of(text, dir.resolve("o.json"))));
    assertMentions(e.getMessage(), text.toString(), "not a readable HDF5 file");
    Path missing = dir.resolve("nope.nir");
    NirException m = assertThrows(NirException.class,
        () -> Nir.importFile(NirImportRequest.of(missing, dir.resolve("o.json"))));
    assertMentions(m.getMessage(), missing.toString(), "does not exist");
  }
}
