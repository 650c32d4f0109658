package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Verification runs its batches of {@value CoreVerifier#BATCH} samples in parallel simulator
 * processes (issue 13, item 6: use both cores): the report is the same, figure for figure, as with
 * one process at a time, passing or failing, and a failing run leaves no simulator process behind.
 */
@Tag("sim")
class ParallelVerifyTest {
  private static final Path WORK = Path.of("target", "sim", "ParallelVerifyTest");

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  @Test
  void parallelBatchesGiveTheSerialReport() {
    NetworkSpec net = RandomNetworks.generate(new RandomNetworks.Options(new int[] {10, 8, 4}, 10, 6, 12, 0, false,
        false, false, false, ReadoutSpec.spikeCount(), 0.1), 5);
    Path dir = WORK.resolve("build");
    Compiler.compile(net, CompileConfig.lanes(2), dir);
    BuildDirectory.Loaded b = BuildDirectory.load(dir);
    List<StimulusFile.Sample> stim = StimulusFile.poisson(10, 10, 2 * CoreVerifier.BATCH + 100, 4);
    CoreVerifier.Options base = CoreVerifier.Options.of(new VerilatorSimulator()).withWorkRoot(WORK.resolve("simcache"));
    CoreVerifier.SimulatorResult serial = CoreVerifier.verify(b, stim, base.withThreads(1)).results().get(0);
    CoreVerifier.SimulatorResult parallel = CoreVerifier.verify(b, stim, base.withThreads(3)).results().get(0);
    assertTrue(serial.passed() && parallel.passed(), serial + " / " + parallel);
    assertEquals(stim.size(), parallel.matching());
    assertEquals(serial.cycles(), parallel.cycles());
    assertArrayEquals(serial.sampleCycles(), parallel.sampleCycles());
    assertArrayEquals(serial.outCycles(), parallel.outCycles());
  }

  @Test
  void aMismatchInALaterBatchIsTheSerialRunsFirstMismatch() {
    NetworkSpec net = RandomNetworks.generate(new RandomNetworks.Options(new int[] {10, 8, 4}, 10, 6, 12, 0, false,
        false, false, false, ReadoutSpec.spikeCount(), 0.1), 7);
    Path dir = WORK.resolve("build-mismatch");
    Compiler.compile(net, CompileConfig.lanes(2), dir);
    BuildDirectory.Loaded b = BuildDirectory.load(dir);
    // The golden model gets input 0's weights into layer 0 raised to the largest weight; the RTL keeps the
    // compiled ones. Input 0 is silent until sample BATCH + 37, so that is the first sample that can differ.
    LayerSpec l0 = net.layers().get(0);
    int[][] w = l0.weights();
    for (int[] row : w) {
      row[0] = (1 << (l0.weightWidth() - 1)) - 1;
    }
    List<LayerSpec> layers = new ArrayList<>(net.layers());
    layers.set(0, new LayerSpec(l0.name(), l0.kind(), l0.inputSize(), l0.size(), l0.weightWidth(), l0.neuron(), w,
        l0.maxDelay(), l0.axonalDelays(), l0.synapticDelays(), l0.recurrentWeights(), l0.recurrentDelays()));
    NetworkSpec golden = new NetworkSpec(net.name(), net.numericsVersion(), net.inputSize(), net.timesteps(), layers,
        net.readout(), net.encoder());
    BuildDirectory.Loaded wrong = new BuildDirectory.Loaded(b.dir(), golden, b.networkHash(), b.core(), b.config(),
        b.manifest());
    int quiet = CoreVerifier.BATCH + 37;
    List<StimulusFile.Sample> stim = new ArrayList<>();
    for (StimulusFile.Sample s : StimulusFile.poisson(10, 10, 2 * CoreVerifier.BATCH + 100, 4)) {
      stim.add(s.id() < quiet ? new StimulusFile.Sample(s.id(), withoutInput0(s.spikes())) : s);
    }
    CoreVerifier.Options base = new CoreVerifier.Options(List.of(new VerilatorSimulator()), WORK.resolve("simcache"), 0,
        false);
    CoreVerifier.SimulatorResult serial = CoreVerifier.verify(wrong, stim, base.withThreads(1)).results().get(0);
    CoreVerifier.SimulatorResult parallel = CoreVerifier.verify(wrong, stim, base.withThreads(3)).results().get(0);
    assertFalse(serial.passed());
    assertTrue(serial.firstMismatch().get().sample() >= quiet, serial.firstMismatch().get().describe());
    assertTrue(serial.firstMismatch().get().sample() < stim.size(), "the changed weights show");
    assertEquals(serial.firstMismatch().get().describe(), parallel.firstMismatch().get().describe());
    assertEquals(serial.matching(), parallel.matching());
    assertArrayEquals(serial.sampleCycles(), parallel.sampleCycles());
    // (other test classes may run simulators concurrently: only processes of this test's files count)
    assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains("ParallelVerifyTest")).count(),
        "a simulator process outlived its failing run");
  }

  private static SpikeRaster withoutInput0(SpikeRaster r) {
    int[][] steps = new int[r.steps()][];
    for (int t = 0; t < steps.length; t++) {
      steps[t] = Arrays.stream(r.at(t)).filter(i -> i != 0).toArray();
    }
    return SpikeRaster.of(r.channels(), steps);
  }
}
