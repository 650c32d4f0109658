package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The comparison is not vacuous: when the golden model runs a network in which neuron 3 of layer 0
 * has every weight one higher than in the network the hardware was built with, verification fails in both simulators, and the
 * report names the first divergent step, layer, neuron and field with expected and actual bits,
 * and leaves a VCD of the failing sample.
 */
@Tag("sim")
class CoreMismatchReportTest {
  private static final Path WORK = Path.of("target", "sim", "CoreMismatchReportTest");

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  @Test
  void aWrongGoldenModelIsCaughtAndReported() throws Exception {
    RandomNetworks.Options o = new RandomNetworks.Options(new int[] {10, 8, 4}, 10, 6, 12, 0, false, false, false, false,
        dev.spikeforge.golden.spec.ReadoutSpec.spikeCount(), 0.1);
    NetworkSpec built = RandomNetworks.generate(o, 3);
    Path dir = WORK.resolve("build");
    Compiler.compile(built, CompileConfig.lanes(2), dir);
    BuildDirectory.Loaded b = BuildDirectory.load(dir);
    List<LayerSpec> layers = new ArrayList<>(built.layers());
    LayerSpec l0 = layers.get(0);
    int[][] w = l0.weights();
    for (int i = 0; i < w[3].length; i++) {
      w[3][i] = w[3][i] == 31 ? 30 : w[3][i] + 1; // neuron 3's weights, each off by one
    }
    layers.set(0, new LayerSpec(l0.name(), l0.kind(), l0.inputSize(), l0.size(), l0.weightWidth(), l0.neuron(), w,
        l0.maxDelay(), l0.axonalDelays(), l0.synapticDelays(), l0.recurrentWeights(), l0.recurrentDelays()));
    NetworkSpec wrong = new NetworkSpec(built.name(), built.numericsVersion(), built.inputSize(), built.timesteps(),
        layers, built.readout());
    BuildDirectory.Loaded tampered = new BuildDirectory.Loaded(b.dir(), wrong, NetworkJson.contentHash(wrong), b.core(),
        b.config(), b.manifest());
    List<StimulusFile.Sample> stim = StimulusFile.poisson(10, 10, 6, 9);
    CoreVerifier.Report r = CoreVerifier.verify(tampered, stim,
        CoreVerifier.Options.of(new VerilatorSimulator(), new IcarusSimulator()).withWorkRoot(WORK.resolve("simcache")));
    assertFalse(r.passed(), "a golden model with another threshold must disagree with the hardware");
    for (CoreVerifier.SimulatorResult s : r.results()) {
      CoreMismatch m = s.firstMismatch().orElseThrow();
      assertTrue(m.layer() == 0 && m.neuron() == 3 && m.field().equals("membrane"), m.describe());
      String report = Files.readString(dir.resolve("reports").resolve("mismatch-" + s.simulator() + ".txt"));
      for (String part : new String[] {s.simulator() + ": sample ", "differs from the golden model at step ",
          "layer 0 (l0), neuron 3, field membrane", "field ", "expected ", "actual ", "waveform: reports/" + s.simulator() + "-sample"}) {
        assertTrue(report.contains(part), "report lacks '" + part + "':\n" + report);
      }
      assertNotNull(s.waveform());
      assertTrue(Files.size(s.waveform()) > 1000, "VCD " + s.waveform() + " is empty");
    }
    assertTrue(Files.readString(dir.resolve("reports/verify.json")).contains("\"firstMismatch\""));
  }
}
