package dev.spikeforge.boards.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.TestTools;
import dev.spikeforge.boards.link.BoardClient;
import dev.spikeforge.boards.link.BoardResult;
import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SimResult;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.MemoryKind;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.board.BoardGen;
import dev.spikeforge.hwgen.board.UartBoardTopParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The LOAD command end to end at the pins, in Icarus: the UART board top around a real SnnCore
 * whose weight memories are all SPRAM (no initial contents), driven by {@link BoardClient} over
 * {@link SimulatedSerialLink}. {@code loadImages} writes the build's SPRAM images with LOAD frames,
 * then the board's results equal the golden model's; then {@code loadImages(other build, all)}
 * replaces every memory (weights, parameters) with a second network of the same structure, and the
 * board computes that network. (That the core depends on the load at all is shown in Verilator,
 * whose SPRAM model starts random: SpramCoreNetworksTest.spramCoreWithoutLoadDiffers; here Icarus
 * starts it unknown.)
 */
@Tag("sim")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoardLoadSimTest {
  private static final Path WORK = Path.of("target", "sim", "BoardLoadSimTest");
  private static final long CLOCK = 12_000_000L;
  private static final int BAUD = 1_000_000;
  private static final int T = 5;
  private static final int INPUTS = 24;

  private BuildDirectory.Loaded a;
  private BuildDirectory.Loaded b;
  private PinSimulator.Build build;

  private static NetworkSpec network(long seed) {
    return RandomNetworks.generate(new RandomNetworks.Options(new int[] {INPUTS, 12, 4}, T, 6, 12, 0, false, false,
        false, false, ReadoutSpec.spikeCount(), 0.01), seed);
  }

  @BeforeAll
  void compileAndBuild() throws IOException {
    TestTools.requireIcarus();
    MappingOptions m = MappingOptions.lanes(4).withWeightMemory(MappingOptions.WeightMemory.SPRAM);
    Compiler.compile(network(11), new CompileConfig(m, "generic", 2, 1), WORK.resolve("a"));
    Compiler.compile(network(12), new CompileConfig(m, "generic", 2, 1), WORK.resolve("b"));
    a = BuildDirectory.load(WORK.resolve("a"));
    b = BuildDirectory.load(WORK.resolve("b"));
    HwCore core = a.core();
    assertTrue(core.memories().stream().anyMatch(x -> x.kind() == MemoryKind.SPRAM));
    UartBoardTopParams top = new UartBoardTopParams("BoardLoadTop", CLOCK, BAUD, BoardClient.loadParams(core),
        HwCore.TOP, 64, 16, 50_000, 0x10AD_10ADL, true, true, false);
    Path rtl = WORK.resolve("rtl");
    GeneratedModule t = BoardGen.emitUartBoardTop(top, rtl);
    PinHarness h = new PinHarness(List.of(t.verilog(), a.dir().resolve("rtl").resolve("SnnCore.sv")), t.moduleName(),
        "clk", List.of(new PinHarness.Port("uart_rx", 1, 1)),
        List.of(PinHarness.Port.of("uart_tx", 1), PinHarness.Port.of("led0", 1), PinHarness.Port.of("led1", 1)));
    Path work = WORK.resolve("icarus");
    // the block-RAM images of build a ($readmemh paths are relative to the simulator's directory)
    Files.createDirectories(work.resolve("mem"));
    try (Stream<Path> s = Files.list(a.dir().resolve("mem"))) {
      for (Path p : s.toList()) {
        Files.copy(p, work.resolve("mem").resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    build = new IcarusPinSimulator().compile(h, work);
  }

  private static List<int[][]> samples(long seed, int n) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<int[][]> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      int[][] steps = new int[T][];
      for (int t = 0; t < T; t++) {
        List<Integer> s = new ArrayList<>();
        for (int i = 0; i < INPUTS; i++) {
          if (rnd.nextDouble() < 0.5) {
            s.add(i);
          }
        }
        steps[t] = s.stream().mapToInt(Integer::intValue).toArray();
      }
      out.add(steps);
    }
    return out;
  }

  private static List<BoardResult> golden(NetworkSpec net, List<int[][]> samples) {
    IntSimulator sim = new IntSimulator(net);
    List<BoardResult> out = new ArrayList<>();
    for (int[][] s : samples) {
      SimResult r = sim.run(SpikeRaster.of(INPUTS, s));
      List<Long> counts = new ArrayList<>();
      for (int c : r.outputCounts()) {
        counts.add((long) c);
      }
      out.add(new BoardResult(r.prediction(), r.unique(), r.decisionStep(), counts));
    }
    return out;
  }

  @Test
  void loadThenRunMatchesTheGoldenModelAndReloadSwitchesNetworks() {
    List<int[][]> samples = samples(5, 6);
    List<BoardResult> goldenA = golden(a.network(), samples);
    List<BoardResult> goldenB = golden(b.network(), samples);
    assertNotEquals(goldenA, goldenB, "the two networks must answer differently for this test to mean anything");
    SimulatedSerialLink link = SimulatedSerialLink.exact(build.start(), CLOCK, BoardGen.uartDivisor(CLOCK, BAUD));
    try (BoardClient c = BoardClient.connect(link, Duration.ofMillis(20))) {
      long words = c.loadImages(a.dir(), false);
      assertEquals(a.core().memories().stream().filter(m -> m.kind() == MemoryKind.SPRAM).mapToInt(m -> m.depth())
          .sum(), words);
      assertEquals(goldenA, c.classifyAll(samples));
      c.loadImages(b.dir(), true);
      assertEquals(goldenB, c.classifyAll(samples));
    }
  }
}
