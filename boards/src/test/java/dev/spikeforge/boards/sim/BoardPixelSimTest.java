package dev.spikeforge.boards.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.TestTools;
import dev.spikeforge.boards.flow.BoardTops;
import dev.spikeforge.boards.link.BoardClient;
import dev.spikeforge.boards.link.BoardResult;
import dev.spikeforge.boards.link.LinkParams;
import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SimResult;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.board.BoardGen;
import dev.spikeforge.hwgen.board.CoreStreamParams;
import dev.spikeforge.hwgen.board.CoreTraceParams;
import dev.spikeforge.hwgen.board.PixelInputParams;
import dev.spikeforge.hwgen.board.UartBoardTopParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * The pixel-input board top (link version 4) around a real SnnCore at its pins, at the fast link's real bit
 * timing (24 MHz, {@link BoardTops#fastBaud} = 3 Mbaud, divisor 8): {@link BoardClient#classifyPixels} streams
 * PIXELS frames back to back; the board's predictions and counts equal the golden model's on the golden encoder's
 * raster of the same pixels (Poisson coding, so the LFSR state of each sample id matters), and the core's input
 * beats (probes) are that raster exactly. Spike frames still work on the same board; a network with another
 * encoder is refused before anything is sent.
 */
@Tag("sim")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoardPixelSimTest {
  private static final Path WORK = Path.of("target", "sim", "BoardPixelSimTest");
  private static final long CLOCK = 24_000_000L;
  private static final int T = 8;
  private static final int INPUTS = 100;

  private NetworkSpec net;
  private UartBoardTopParams top;
  private Path rtl;
  private BuildDirectory.Loaded build;

  @BeforeAll
  void compile() throws IOException {
    net = RandomNetworks.generate(new RandomNetworks.Options(new int[] {INPUTS, 16, 10}, T, 6, 12, 0, false, false,
        false, false, ReadoutSpec.spikeCount(), 0.01), 21).withEncoder(EncoderSpec.poisson(5));
    Compiler.compile(net, new CompileConfig(MappingOptions.lanes(4), "generic", 2, 1), WORK.resolve("build"));
    build = BuildDirectory.load(WORK.resolve("build"));
    HwCore core = build.core();
    int baud = BoardTops.fastBaud(CLOCK);
    assertEquals(3_000_000, baud);
    // the core's trace port declared, so that Verilator's lint finds every pin of the instance
    CoreStreamParams stream = BoardClient.loadParams(core).withTrace(new CoreTraceParams(core.layerWidth(),
        core.neuronWidth(), core.traceLanes(), core.traceMembraneWidth()));
    top = new UartBoardTopParams("BoardPixelTop", CLOCK, baud, stream, HwCore.TOP, 256, 32,
        100_000, 0x91C5_E1L, true, true, true).withPixels(new PixelInputParams(net.encoder(), net.timesteps()));
    rtl = WORK.resolve("rtl");
    BoardGen.emitUartBoardTop(top, rtl);
  }

  private SimulatedSerialLink board(PinSimulator sim) throws IOException {
    return board(sim, sim.name());
  }

  private SimulatedSerialLink board(PinSimulator sim, String dir) throws IOException {
    GeneratedModule t = BoardGen.emitUartBoardTop(top, rtl);
    PinHarness h = new PinHarness(List.of(t.verilog(), build.dir().resolve("rtl").resolve("SnnCore.sv")),
        t.moduleName(), "clk", List.of(new PinHarness.Port("uart_rx", 1, 1)),
        List.of(PinHarness.Port.of("uart_tx", 1), PinHarness.Port.of("probe_in_fire", 1),
            PinHarness.Port.of("probe_in_index", top.core().indexWidth()), PinHarness.Port.of("probe_in_end", 1)));
    Path work = WORK.resolve(dir);
    Files.createDirectories(work.resolve("mem"));
    try (Stream<Path> s = Files.list(build.dir().resolve("mem"))) {
      for (Path p : s.toList()) {
        Files.copy(p, work.resolve("mem").resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return SimulatedSerialLink.exact(sim.compile(h, work).start(), CLOCK, BoardGen.uartDivisor(CLOCK, top.baud()));
  }

  private static List<byte[]> images(int n) {
    SplittableRandom rnd = new SplittableRandom(8);
    List<byte[]> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      byte[] img = new byte[INPUTS];
      for (int i = 0; i < INPUTS; i++) {
        img[i] = (byte) (rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(256));
      }
      out.add(img);
    }
    return out;
  }

  private SpikeRaster raster(byte[] img, long id) {
    return SpikeEncoder.of(net.encoder()).encode(img, T, id);
  }

  private BoardResult golden(byte[] img, long id) {
    SimResult r = new IntSimulator(net).run(raster(img, id));
    List<Long> counts = new ArrayList<>();
    for (int c : r.outputCounts()) {
      counts.add((long) c);
    }
    return new BoardResult(r.prediction(), r.unique(), r.decisionStep(), counts);
  }

  private void check(PinSimulator sim, int n) throws IOException {
    List<byte[]> images = images(n);
    long[] ids = new long[n];
    List<BoardResult> want = new ArrayList<>();
    List<Integer> wantBeats = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      ids[k] = 1000 + 7L * k;
      want.add(golden(images.get(k), ids[k]));
      SpikeRaster r = raster(images.get(k), ids[k]);
      for (int t = 0; t < T; t++) {
        for (int i : r.at(t)) {
          wantBeats.add(i);
        }
        wantBeats.add(-1);
      }
    }
    SimulatedSerialLink link = board(sim);
    try (BoardClient c = BoardClient.connect(link, Duration.ofMillis(20))) {
      assertEquals(LinkParams.of(top), c.params());
      NetworkSpec rate = net.withEncoder(EncoderSpec.rate());
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> c.classifyPixels(rate, images, ids));
      assertTrue(refused.getMessage().contains("nothing was sent"), refused.getMessage());
      assertEquals(want, c.classifyPixels(net, images, ids), sim.name() + ": predictions and counts");
      assertEquals(wantBeats, BoardTopSimTest.beats(link.otherChanges()), sim.name() + ": the core's input beats");
      // spike frames on the same board, after the pixels
      assertEquals(want.get(0), c.classify(BoardClient.steps(net, images.get(0), ids[0])));
    }
  }

  /** Rate coding with every weight memory in SPRAM: LOAD frames first (the core's load port), then pixels. */
  @Test
  void rateCodingAfterSpramLoadInVerilator() throws IOException {
    TestTools.requireVerilator();
    NetworkSpec keep = net;
    UartBoardTopParams keepTop = top;
    BuildDirectory.Loaded keepBuild = build;
    Path keepRtl = rtl;
    try {
      net = keep.withEncoder(EncoderSpec.rate(20));
      Compiler.compile(net, new CompileConfig(MappingOptions.lanes(4).withWeightMemory(MappingOptions.WeightMemory.SPRAM),
          "generic", 2, 1), WORK.resolve("build-spram"));
      build = BuildDirectory.load(WORK.resolve("build-spram"));
      HwCore core = build.core();
      top = new UartBoardTopParams("BoardPixelTopSpram", CLOCK, BoardTops.fastBaud(CLOCK), BoardClient.loadParams(core)
          .withTrace(new CoreTraceParams(core.layerWidth(), core.neuronWidth(), core.traceLanes(),
              core.traceMembraneWidth())), HwCore.TOP, 256, 32, 100_000, 0x91C5_E2L, true, true, true)
          .withPixels(new PixelInputParams(net.encoder(), net.timesteps()));
      rtl = WORK.resolve("rtl-spram");
      List<byte[]> images = images(6);
      long[] ids = {0, 1, 2, 3, 4, 5};
      List<BoardResult> want = new ArrayList<>();
      for (int k = 0; k < images.size(); k++) {
        want.add(golden(images.get(k), ids[k]));
      }
      SimulatedSerialLink link = board(new VerilatorPinSimulator(), "verilator-spram");
      try (BoardClient c = BoardClient.connect(link, Duration.ofMillis(20))) {
        c.loadImages(build.dir(), false);
        assertEquals(want, c.classifyPixels(net, images, ids));
      }
    } finally {
      net = keep;
      top = keepTop;
      build = keepBuild;
      rtl = keepRtl;
    }
  }

  @Test
  void pixelsEncodedOnChipGiveTheGoldenModelsResultsInVerilator() throws IOException {
    TestTools.requireVerilator();
    check(new VerilatorPinSimulator(), 24);
  }

  @Test
  void pixelsEncodedOnChipGiveTheGoldenModelsResultsInIcarus() throws IOException {
    TestTools.requireIcarus();
    check(new IcarusPinSimulator(), 4);
  }
}
