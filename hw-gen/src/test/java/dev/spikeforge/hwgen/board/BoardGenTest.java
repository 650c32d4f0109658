package dev.spikeforge.hwgen.board;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.HwGen;
import dev.spikeforge.hwgen.HwPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class BoardGenTest {
  private static final Path OUT = Path.of("target", "boardgen-test");
  private static final CoreStreamParams CORE = new CoreStreamParams(8, 200, 10, 8);

  static UartBoardTopParams top(String name, boolean probes) {
    return new UartBoardTopParams(name, 12_000_000L, 115_200, CORE, "TestCore", 512, 64, 1_200_000L,
        0xC0FFEEL, true, true, probes);
  }

  @Test
  void divisorRoundsAndRejectsUnmatchableRates() {
    assertEquals(104, BoardGen.uartDivisor(12_000_000L, 115_200)); // 104.17
    assertEquals(12, BoardGen.uartDivisor(12_000_000L, 1_000_000));
    assertEquals(5, BoardGen.uartDivisor(12_000_000L, 2_400_000));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BoardGen.uartDivisor(12_000_000L, 3_300_000)); // 3.6 -> 4 gives 3 Mbaud, 9 % off
    assertTrue(e.getMessage().contains("baud 3300000"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BoardGen.uartDivisor(12_000_000L, 12_000_000));
    assertTrue(e.getMessage().contains("too fast"), e.getMessage());
  }

  @Test
  void boardTopHasTheBoardSignalPortsAndInstantiatesTheCoreByName() throws IOException {
    GeneratedModule m = BoardGen.emitUartBoardTop(top("UartTop", false), OUT.resolve("top"));
    assertEquals("UartTop", m.moduleName());
    assertEquals(List.of(
        new HwPort("clk", 1, false, true),
        new HwPort("uart_rx", 1, false, true),
        new HwPort("uart_tx", 1, false, false),
        new HwPort("led0", 1, false, false),
        new HwPort("led1", 1, false, false)), m.ports());
    String v = Files.readString(m.verilog());
    assertTrue(v.contains("TestCore "), "the core is instantiated as a black box");
    assertFalse(v.contains("module TestCore("), "the core's Verilog comes from elsewhere");
    assertTrue(v.contains("module SpikeforgePowerOnReset4"), "the inline power-on reset is in the same file");
    assertFalse(v.contains("automatic"));
  }

  @Test
  void aPllTopRunsOnThePllOutputHeldInResetUntilLock() throws IOException {
    SbPll40Params pll = new SbPll40Params(true, 0, 63, 5, 1);
    UartBoardTopParams p = top("UartTopPll", false).withPll(pll, 24_000_000L);
    assertEquals(208, p.divisor(), "the UART divisor counts core clocks: 24 MHz / 115200 = 208.3");
    GeneratedModule m = BoardGen.emitUartBoardTop(p, OUT.resolve("pll"));
    assertEquals(top("UartTop", false).divisor() * 2, p.divisor());
    assertEquals(List.of("clk", "uart_rx", "uart_tx", "led0", "led1"),
        m.ports().stream().map(HwPort::name).collect(Collectors.toList()), "the PLL adds no port");
    String v = Files.readString(m.verilog());
    assertTrue(v.replaceAll("\\s+", " ").contains(
        "SB_PLL40_PAD #( .DIVF(63), .DIVQ(5), .DIVR(0), .FEEDBACK_PATH(\"SIMPLE\"), .FILTER_RANGE(1) )"), v);
    assertTrue(v.contains(".PACKAGEPIN   (clk)"), "the board clock feeds the PLL's pad input");
    assertTrue(v.contains("module SB_PLL40_PAD") && v.contains("`ifndef SYNTHESIS"), "the model, for simulators only");
    assertTrue(v.contains("module SpikeforgeLockReset4"), "reset held until lock");
    assertFalse(v.contains("SpikeforgePowerOnReset"), "the lock reset replaces the power-on reset");
    String core = BoardGen.emitUartBoardTop(top("UartTopCorePll", false).withPll(
        new SbPll40Params(false, 0, 63, 5, 1), 24_000_000L), OUT.resolve("pll-core")).verilog().toString();
    assertTrue(Files.readString(Path.of(core)).contains(".REFERENCECLK (clk)"), "SB_PLL40_CORE takes REFERENCECLK");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SbPll40Params(true, 0, 128, 5, 1));
    assertTrue(e.getMessage().contains("DIVF"), e.getMessage());
  }

  @Test
  void probesAddOnlyProbePorts() {
    GeneratedModule m = BoardGen.emitUartBoardTop(top("UartTopProbed", true), OUT.resolve("probed"));
    List<String> names = m.ports().stream().map(HwPort::name).collect(Collectors.toList());
    assertEquals(List.of("clk", "uart_rx", "uart_tx", "led0", "led1",
        "probe_in_fire", "probe_in_index", "probe_in_end", "probe_out_fire"), names);
    assertEquals(8, m.ports().get(6).width());
  }

  @Test
  void emissionIsDeterministic() throws IOException {
    byte[] a = Files.readAllBytes(BoardGen.emitUartBoardTop(top("UartTop", false), OUT.resolve("det-a")).verilog());
    byte[] b = Files.readAllBytes(BoardGen.emitUartBoardTop(top("UartTop", false), OUT.resolve("det-b")).verilog());
    assertArrayEquals(a, b);
  }

  @Test
  void parametersAreValidatedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UartBoardTopParams(
        "T", 12_000_000L, 115_200, CORE, "C", 500, 64, 0L, 0L, false, false, false));
    assertTrue(e.getMessage().contains("fifoDepth"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new CoreStreamParams(4, 17, 2, 8));
    assertTrue(e.getMessage().contains("inputs"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new UartBoardTopParams(
        "T", 12_000_000L, 115_200, new CoreStreamParams(16, 8000, 10, 8), "C", 512, 64, 0L, 0L, false, false, false));
    assertTrue(e.getMessage().contains("BITMAP"), e.getMessage());
  }

  @Test
  void linkFramesHaveTheDocumentedSizes() {
    List<LinkFrame> frames = BoardGen.linkFrames(CORE);
    assertEquals(List.of("IDENTIFY", "RESET", "SPARSE", "BITMAP", "CREDIT", "INFO", "RESULT", "ERROR"),
        frames.stream().map(LinkFrame::name).collect(Collectors.toList()));
    assertEquals(1 + 25, LinkProtocol.bitmapStep(CORE).frameBytes()); // commands carry no checksum
    // type, prediction (1), flags, decisionStep (2), 10 counts of 1 byte, checksum
    assertEquals(1 + 1 + 1 + 2 + 10 + 1, LinkProtocol.result(CORE).frameBytes());
    // version, indexWidth, inputs (2), outputs (2), countWidth, fifoDepth (2), creditChunk (2), designId (4)
    assertEquals(1 + 15 + 1, LinkProtocol.info(CORE).frameBytes());
    assertEquals(LinkProtocol.InferenceVersion(), BoardGen.linkProtocolVersion(CORE));
  }

  @Test
  void aLearningCoreAddsTrainReadLearningAndWordFrames() {
    CoreStreamParams learning = new CoreStreamParams(10, 784, 10, 5, 5, 16, 32,
        new CoreLearnParams(2, 6, java.util.List.of(1, 3), java.util.List.of(50_176, 640)));
    assertEquals(List.of("IDENTIFY", "RESET", "SPARSE", "BITMAP", "LOAD", "TRAIN", "READ", "CREDIT", "INFO", "LEARNING",
        "RESULT", "WORD", "ERROR"), BoardGen.linkFrames(learning).stream().map(LinkFrame::name).collect(Collectors.toList()));
    // label (1), rate exponent (1), dropout state (4), layer count (1); then 4 bytes per layer
    assertEquals(1 + 7 + 4, LinkProtocol.train(learning).frameBytes());
    assertEquals(1 + 5, LinkProtocol.read().frameBytes());
    assertEquals(1 + 1 + 2 * 3 + 1, LinkProtocol.learning(learning).frameBytes());
    assertEquals(1 + 4 + 1, LinkProtocol.word(learning).frameBytes());
    // version 3: INFO adds learnLayers and wordBits (2)
    assertEquals(LinkProtocol.LearningVersion(), BoardGen.linkProtocolVersion(learning));
    assertEquals(1 + 15 + 3 + 1, LinkProtocol.info(learning).frameBytes());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CoreStreamParams(10, 784, 10,
        5, 5, 16, 32, new CoreLearnParams(2, 6, java.util.List.of(1, 5), java.util.List.of(50_176, 640))));
    assertTrue(e.getMessage().contains("weightMemories[1] = 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new CoreStreamParams(10, 784, 10, 5, 0, 0, 0,
        new CoreLearnParams(1, 6, java.util.List.of(0), java.util.List.of(4))));
    assertTrue(e.getMessage().contains("load port"), e.getMessage());
  }

  /**
   * The learning frames live in their own module (LearnFrameParser) and ports, generated only around a
   * learning core: the top of a core that only infers has none of them (its Verilog is the version-2 top's;
   * the cost baselines of boards/cost-baselines.json measure it).
   */
  @Test
  void onlyALearningCoresTopHasTheLearningFrames() throws IOException {
    CoreStreamParams load = new CoreStreamParams(10, 784, 10, 5, 5, 16, 32);
    CoreStreamParams learning = new CoreStreamParams(10, 784, 10, 5, 5, 16, 32,
        new CoreLearnParams(2, 6, java.util.List.of(1, 3), java.util.List.of(50_176, 640)));
    String inference = Files.readString(BoardGen.emitUartBoardTop(new UartBoardTopParams("InfTop", 12_000_000L,
        115_200, load, "TestCore", 512, 64, 1_200_000L, 1L, true, true, false), OUT.resolve("inf")).verilog());
    String learns = Files.readString(BoardGen.emitUartBoardTop(new UartBoardTopParams("LearnTop", 12_000_000L,
        115_200, learning, "TestCore", 512, 64, 1_200_000L, 1L, true, true, false), OUT.resolve("learn")).verilog());
    for (String s : List.of("LearnFrameParser", ".train_valid", ".peek_valid", ".peekData_bits")) {
      assertFalse(inference.contains(s), s);
      assertTrue(learns.contains(s), s);
    }
  }

  @Test
  void scanWrapperHasThreePins() {
    GeneratedModule lif = HwGen.generateLifNeuronUnit(16, 16, OUT.resolve("scan"));
    GeneratedModule w = BoardGen.emitScanWrapper(lif, OUT.resolve("scan"));
    assertEquals("LifNeuronUnit_m16_c16_scan", w.moduleName());
    assertEquals(List.of("clk", "scan_in", "scan_out"),
        w.ports().stream().map(HwPort::name).collect(Collectors.toList()));
  }

  @Test
  void echoAndTestCoreElaborate() {
    GeneratedModule echo = BoardGen.emitUartEcho("UartEcho", 12_000_000L, 1_000_000, true, OUT.resolve("echo"));
    assertEquals(8, echo.ports().size());
    GeneratedModule core = BoardTestFixtures.emitCountingCore("TestCore", CORE, 4, 2, 9, OUT.resolve("top"));
    assertEquals("TestCore", core.moduleName());
    List<String> names = core.ports().stream().map(HwPort::name).collect(Collectors.toList());
    assertTrue(names.containsAll(List.of("clock", "reset", "in_ready", "in_valid", "in_bits_index",
        "in_bits_endOfStep", "out_ready", "out_valid", "out_bits_prediction", "out_bits_unique",
        "out_bits_decisionStep", "out_bits_counts_0", "out_bits_counts_9")), names.toString());
    assertEquals(2 + 3 + 3 + 3 + 10, names.size(), names.toString());
  }
}
