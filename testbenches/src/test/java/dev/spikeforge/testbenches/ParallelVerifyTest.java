package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Verification runs its batches of {@value CoreVerifier#BATCH} samples in parallel simulator
 * processes (issue 13, item 6: use both cores): the report is the same, figure for figure, as with
 * one process at a time.
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
}
