package dev.spikeforge.boards.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.Boards;
import dev.spikeforge.boards.TestTools;
import dev.spikeforge.golden.json.JsonMappers;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.HwGen;
import dev.spikeforge.hwgen.board.BoardGen;
import dev.spikeforge.hwgen.board.BoardTestFixtures;
import dev.spikeforge.hwgen.board.CoreStreamParams;
import dev.spikeforge.hwgen.board.UartBoardTopParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The iCE40 flow end to end (yosys, nextpnr-ice40, icepack): the LIF unit in its scan wrapper on the
 * UP5K and the HX8K, the UART board top (around the counting TEST FIXTURE core) on the iCEBreaker.
 * Results are checked against sane bounds, not hard-coded figures; each run prints one summary line
 * (the figures in docs/benchmarks.md).
 */
@Tag("fpga")
class BitstreamFlowFpgaTest {
  static final Path WORK = Path.of("target", "fpga", "BitstreamFlowFpgaTest");
  static final Map<String, String> SCAN_PINS = Map.of("scan_in", "uart_rx", "scan_out", "uart_tx");
  private static final ObjectMapper JSON = JsonMappers.compact();

  @BeforeEach
  void tools() {
    TestTools.requireIce40Flow();
  }

  /** LifNeuronUnit at M=16, C=16 and its scan wrapper, in {@code dir}. */
  static GeneratedModule lifInScanWrapper(Path dir) {
    GeneratedModule lif = HwGen.generateLifNeuronUnit(16, 16, dir);
    return BoardGen.emitScanWrapper(lif, dir);
  }

  @Test
  void lifUnitOnTheUp5k() throws IOException {
    Path rtl = WORK.resolve("lif-rtl");
    GeneratedModule w = lifInScanWrapper(rtl);
    FlowResult r = BitstreamFlow.run(rtl, w.moduleName(), Boards.icebreaker(), WORK.resolve("lif-up5k"),
        FlowOptions.defaults().withPinMap(SCAN_PINS));
    checkLif(r, WORK.resolve("lif-up5k"), 5280);
  }

  @Test
  void lifUnitOnTheHx8k() throws IOException {
    Path rtl = WORK.resolve("lif-rtl");
    GeneratedModule w = lifInScanWrapper(rtl);
    FlowResult r = BitstreamFlow.run(rtl, w.moduleName(), Boards.hx8kBreakout(), WORK.resolve("lif-hx8k"),
        FlowOptions.defaults().withPinMap(SCAN_PINS));
    checkLif(r, WORK.resolve("lif-hx8k"), 7680);
  }

  private static void checkLif(FlowResult r, Path out, int cells) throws IOException {
    print(r);
    assertTrue(r.timingMet(), "12 MHz is easy for one LIF update");
    Path bin = r.requireBitstream();
    assertEquals(out.resolve("bitstream").resolve(r.board() + ".bin"), bin);
    assertTrue(Files.size(bin) > 30_000, "an iCE40 bitstream is tens of kB: " + Files.size(bin));
    Utilization u = r.utilization();
    long lc = u.get("logicCells").used();
    assertTrue(lc > 100 && lc < 2000, "logic cells " + lc); // wrapper alone is 91 FFs, the datapath ~100-300 LUTs
    assertEquals(cells, u.get("logicCells").available());
    assertTrue(u.get("lut4").used() > 50 && u.get("lut4").used() <= lc, "LUT4 " + u.get("lut4").used());
    assertTrue(u.get("flipFlops").used() >= 52 + 17, "wrapper flip-flops " + u.get("flipFlops").used());
    assertEquals(0, u.get("blockRams").used());
    assertEquals(3, u.get("io").used(), "clk, scan_in, scan_out");
    double fmax = r.timing().worstFmaxMhz();
    assertTrue(fmax > 12 && fmax < 500, "Fmax " + fmax);
    assertEquals(1, r.timing().clocks().size());
    assertEquals("clk", r.timing().clocks().get(0).name());
    JsonNode timing = JSON.readTree(out.resolve("reports/timing.json").toFile());
    assertEquals(fmax, timing.path("clocks").get(0).path("fmaxMhz").asDouble());
    assertTrue(timing.path("met").asBoolean());
    JsonNode power = JSON.readTree(out.resolve("reports/power.json").toFile());
    assertTrue(power.path("estimate").asBoolean());
    double mw = power.path("totalMilliwatts").asDouble();
    assertTrue(mw > 0.1 && mw < 100, "power estimate " + mw + " mW");
    JsonNode util = JSON.readTree(out.resolve("reports/utilization.json").toFile());
    assertEquals(lc, util.path("resources").path("logicCells").path("used").asLong());
  }

  /** The core interface of a Fashion-MNIST network: 784 inputs, 10 classes, 8-bit counts, T = 20. */
  static final CoreStreamParams MNIST_CORE = new CoreStreamParams(10, 784, 10, 8);

  /** The UART board top for {@code board} around the counting TEST FIXTURE core, in {@code rtl}. */
  static UartBoardTopParams uartTop(Board board, Path rtl) {
    UartBoardTopParams p = dev.spikeforge.boards.flow.BoardTops.uartTop(board, MNIST_CORE, "CountingTestCore", 0x1234L);
    dev.spikeforge.boards.flow.BoardTops.emit(p, rtl);
    BoardTestFixtures.emitCountingCore("CountingTestCore", MNIST_CORE, 20, 0, 0, rtl);
    return p;
  }

  @Test
  void anotherSeedReusesTheNetlistOnlyWhileEveryInputIsTheSame() throws IOException {
    Path rtl = WORK.resolve("reuse-rtl");
    GeneratedModule w = lifInScanWrapper(rtl);
    Path out = WORK.resolve("reuse-up5k");
    deleteTree(out); // a key left by an interrupted earlier run would make the first run below reuse
    FlowOptions reuse = FlowOptions.defaults().withPinMap(SCAN_PINS).withReuseSynthesis(true);
    FlowResult first = BitstreamFlow.run(rtl, w.moduleName(), Boards.icebreaker(), out, reuse);
    assertTrue(first.yosysTime().toMillis() > 0, "the first run synthesizes");
    Path key = first.workDir().resolve("synth.key");
    assertTrue(Files.isRegularFile(key), "the netlist's content key is written beside it");

    FlowResult seed2 = BitstreamFlow.run(rtl, w.moduleName(), Boards.icebreaker(), out, reuse.withSeed(2));
    assertEquals(0, seed2.yosysTime().toMillis(), "seed 2 places the same netlist: no Yosys run");
    assertEquals(first.utilization().get("lut4").used(), seed2.utilization().get("lut4").used());

    // one byte more in the Verilog directory (a comment): the key no longer matches, Yosys runs again
    Path v = w.verilog();
    Files.writeString(v, Files.readString(v) + "\n// changed\n");
    FlowResult changed = BitstreamFlow.run(rtl, w.moduleName(), Boards.icebreaker(), out, reuse);
    assertTrue(changed.yosysTime().toMillis() > 0, "a changed input is synthesized again");

    // without the option every run synthesizes, and the key is not left behind
    FlowResult plain = BitstreamFlow.run(rtl, w.moduleName(), Boards.icebreaker(), out,
        FlowOptions.defaults().withPinMap(SCAN_PINS));
    assertTrue(plain.yosysTime().toMillis() > 0);
    assertFalse(Files.exists(key), "a run without reuse removes the key of the netlist it replaces");
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Test
  void uartBoardTopOnTheHx8k() {
    Board board = Boards.hx8kBreakout();
    Path rtl = WORK.resolve("uart-rtl-hx8k");
    UartBoardTopParams p = uartTop(board, rtl);
    FlowResult r = BitstreamFlow.run(rtl, p.name(), board, WORK.resolve("uart-hx8k"), FlowOptions.defaults());
    print(r);
    assertTrue(r.timingMet());
    assertTrue(r.utilization().get("blockRams").used() >= 1);
    assertEquals(5, r.utilization().get("io").used());
    String pcf = r.workDir().resolve("hx8k-breakout.pcf").toString();
    assertTrue(Files.exists(Path.of(pcf)));
    assertTrue(Files.exists(r.requireBitstream()));
  }

  @Test
  void uartBoardTopOnTheIcebreakerIsDeterministic() throws IOException {
    Board board = Boards.icebreaker();
    Path rtl = WORK.resolve("uart-rtl");
    UartBoardTopParams p = uartTop(board, rtl);
    FlowResult a = BitstreamFlow.run(rtl, p.name(), board, WORK.resolve("uart-a"), FlowOptions.defaults());
    print(a);
    assertTrue(a.timingMet());
    Utilization u = a.utilization();
    assertEquals(5, u.get("io").used(), "clk, uart_rx, uart_tx, led0, led1");
    assertTrue(u.get("blockRams").used() >= 1, "the 512-byte receive FIFO is in block RAM");
    long lc = u.get("logicCells").used();
    assertTrue(lc > 200 && lc < 3000, "logic cells " + lc);
    assertTrue(a.timing().worstFmaxMhz() >= 12);
    String pcf = Files.readString(a.workDir().resolve("icebreaker.pcf"));
    assertTrue(pcf.contains("set_io uart_rx 6") && pcf.contains("set_io uart_tx 9") && pcf.contains("set_io clk 35"), pcf);

    // same inputs, another build directory: byte-identical bitstream and reports
    FlowResult b = BitstreamFlow.run(rtl, p.name(), board, WORK.resolve("uart-b"), FlowOptions.defaults());
    assertArrayEquals(Files.readAllBytes(a.requireBitstream()), Files.readAllBytes(b.requireBitstream()));
    for (String f : new String[] {"utilization.json", "timing.json", "power.json"}) {
      assertEquals(Files.readString(WORK.resolve("uart-a/reports").resolve(f)),
          Files.readString(WORK.resolve("uart-b/reports").resolve(f)), f);
    }
    try (var files = Files.list(WORK.resolve("uart-a/reports"))) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporaries left");
    }
  }

  /**
   * The UART top on the PLL: SB_PLL40_PAD on the iCEBreaker (clock on the PLL's pad, pin 35) at
   * 24 MHz, SB_PLL40_CORE on the HX8K breakout (clock on J3, not a PLL pad) at 28 -> 28.125 MHz.
   * Yosys' netlist carries the cell with the calculator's dividers, nextpnr places one PLL and times
   * its output against the achieved frequency, and the reports record the clocks.
   */
  @Test
  void uartBoardTopRunsOnThePll() throws IOException {
    checkPllTop(Boards.icebreaker(), 24, "SB_PLL40_PAD", 24.0, 63);
    checkPllTop(Boards.hx8kBreakout(), 28, "SB_PLL40_CORE", 28.125, 74);
  }

  private static void checkPllTop(Board board, double requestMhz, String primitive, double achievedMhz, int divf)
      throws IOException {
    CoreClock clock = CoreClock.forRequest(board, requestMhz);
    Path rtl = WORK.resolve("uart-pll-rtl-" + board.name());
    UartBoardTopParams p = dev.spikeforge.boards.flow.BoardTops.uartTop(board, clock, MNIST_CORE, "CountingTestCore", 0x1234L);
    dev.spikeforge.boards.flow.BoardTops.emit(p, rtl);
    BoardTestFixtures.emitCountingCore("CountingTestCore", MNIST_CORE, 20, 0, 0, rtl);
    Path out = WORK.resolve("uart-pll-" + board.name());
    FlowResult r = BitstreamFlow.run(rtl, p.name(), board, out, FlowOptions.defaults().withCoreClock(clock));
    print(r);
    assertTrue(r.timingMet(), "the UART top meets " + achievedMhz + " MHz");
    assertTrue(Files.exists(r.requireBitstream()));

    // Yosys' netlist: one PLL cell of the right primitive with the calculator's parameters
    JsonNode cells = JSON.readTree(r.workDir().resolve("synth.json").toFile()).path("modules").path(p.name())
        .path("cells");
    java.util.List<JsonNode> plls = new java.util.ArrayList<>();
    cells.elements().forEachRemaining(c -> {
      if (c.path("type").asText().startsWith("SB_PLL40")) {
        plls.add(c);
      }
    });
    assertEquals(1, plls.size(), "one PLL cell");
    JsonNode pll = plls.get(0);
    assertEquals(primitive, pll.path("type").asText());
    JsonNode params = pll.path("parameters");
    Ice40Pll cfg = clock.pll().orElseThrow();
    assertEquals(cfg.divr(), Integer.parseInt(params.path("DIVR").asText(), 2));
    assertEquals(divf, Integer.parseInt(params.path("DIVF").asText(), 2));
    assertEquals(cfg.divq(), Integer.parseInt(params.path("DIVQ").asText(), 2));
    assertEquals(cfg.filterRange(), Integer.parseInt(params.path("FILTER_RANGE").asText(), 2));
    assertTrue(params.path("FEEDBACK_PATH").asText().startsWith("SIMPLE"), params.toString());

    // nextpnr: one PLL placed, one clock (the PLL's output) timed against the achieved frequency
    assertEquals(1, r.utilization().get("plls").used());
    assertEquals(1, r.timing().clocks().size(), r.timing().clocks().toString());
    assertEquals(achievedMhz, r.timing().targetMhz(), "nextpnr --freq is the achieved core clock");
    assertEquals(achievedMhz, r.timing().clocks().get(0).targetMhz(), 0.005, "per clock, to 0.01 MHz");
    assertTrue(r.timing().clocks().get(0).net().contains("PLLOUTGLOBAL"), r.timing().clocks().toString());
    JsonNode timing = JSON.readTree(out.resolve("reports/timing.json").toFile());
    assertEquals(board.clockMhz(), timing.path("boardClockMhz").asDouble());
    assertEquals(achievedMhz, timing.path("coreClockMhz").asDouble());
    assertEquals(primitive, timing.path("pll").path("primitive").asText());
    assertEquals(divf, timing.path("pll").path("divf").asInt());
    assertEquals(achievedMhz, JSON.readTree(out.resolve("reports/power.json").toFile()).path("clockMhz").asDouble(),
        "the power estimate runs at the core clock");
  }

  @Test
  void aMissedTargetGivesReportsAndABitstreamOnlyWhenAllowed() {
    Path rtl = WORK.resolve("lif-rtl");
    GeneratedModule w = lifInScanWrapper(rtl);
    FlowOptions fast = FlowOptions.defaults().withPinMap(SCAN_PINS).withTargetMhz(400);
    Path out = WORK.resolve("lif-400");
    FlowResult r = BitstreamFlow.run(rtl, w.moduleName(), Boards.icebreaker(), out, fast);
    assertFalse(r.timingMet());
    assertTrue(r.bitstream().isEmpty());
    assertFalse(Files.exists(out.resolve("bitstream/icebreaker.bin")));
    assertTrue(Files.exists(out.resolve("reports/timing.json")), "reports are written anyway");
    FlowException e = assertThrows(FlowException.class, r::requireBitstream);
    assertTrue(e.getMessage().contains("misses timing") && e.getMessage().contains("target 400.00 MHz"), e.getMessage());

    FlowResult allowed = BitstreamFlow.run(rtl, w.moduleName(), Boards.icebreaker(), out, fast.withAllowTimingFail(true));
    assertFalse(allowed.timingMet());
    assertTrue(allowed.timing().timingAllowFail());
    assertTrue(Files.exists(allowed.requireBitstream()));
  }

  @Test
  void tooLargeDesignsAreRefusedBeforePlaceAndRouteSayingWhatOverflowsByHowMuch() throws IOException {
    // the bare LIF unit: 69 port bits on a 39-pin package (toolchain pitfall 6)
    Path bare = WORK.resolve("bare-rtl");
    GeneratedModule lif = HwGen.generateLifNeuronUnit(16, 16, bare);
    DesignTooLargeException e = assertThrows(DesignTooLargeException.class, () -> BitstreamFlow.run(bare,
        lif.moduleName(), Boards.icebreaker(), WORK.resolve("bare-up5k"), FlowOptions.defaults()));
    assertEquals(1, e.overflows().size());
    assertEquals("io", e.overflows().get(0).name());
    assertTrue(e.getMessage().contains("io: needs 69, iCE40UP5K-SG48 has 39 (over by 30"), e.getMessage());

    // 6,000 flip-flops on a part with 5,280
    Path big = Files.createDirectories(WORK.resolve("big-rtl"));
    Files.writeString(big.resolve("big.v"), """
        module big(input clk, input uart_rx, output uart_tx);
          reg [5999:0] chain;
          always @(posedge clk) chain <= {chain[5998:0], uart_rx};
          assign uart_tx = chain[5999] ^ chain[2999];
        endmodule
        """);
    e = assertThrows(DesignTooLargeException.class, () -> BitstreamFlow.run(big, "big", Boards.icebreaker(),
        WORK.resolve("big-up5k"), FlowOptions.defaults()));
    assertTrue(e.getMessage().contains(String.format(Locale.ROOT, "flipFlops: needs %,d, iCE40UP5K-SG48 has %,d (over by %,d",
        6000, 5280, 720)), e.getMessage());
    assertFalse(Files.exists(WORK.resolve("big-up5k/reports/utilization.json")), "no reports for a refused design");
  }

  static void print(FlowResult r) {
    Utilization u = r.utilization();
    System.out.printf(Locale.ROOT,
        "[flow] %s on %s: LC %d/%d, LUT4 %d, FF %d, carry %d, EBR %d, SPRAM %d, DSP %d, IO %d; Fmax %.2f MHz (target %.1f);"
            + " power %.3f mW (est.); yosys %.1f s, nextpnr %.1f s, icepack %.2f s%n",
        r.design(), r.board(), u.get("logicCells").used(), u.get("logicCells").available(), u.get("lut4").used(),
        u.get("flipFlops").used(), u.get("carries").used(), u.get("blockRams").used(), u.get("sprams").used(),
        u.get("dsps").used(), u.get("io").used(), r.timing().worstFmaxMhz(), r.timing().targetMhz(),
        r.power().totalMw(), r.yosysTime().toMillis() / 1000.0, r.nextpnrTime().toMillis() / 1000.0,
        r.icepackTime().toMillis() / 1000.0);
  }
}
