package dev.spikeforge.boards.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.TestTools;
import dev.spikeforge.boards.link.BoardClient;
import dev.spikeforge.boards.link.BoardFrame;
import dev.spikeforge.boards.link.BoardResult;
import dev.spikeforge.boards.link.FrameDecoder;
import dev.spikeforge.boards.link.LinkCodec;
import dev.spikeforge.boards.link.LinkException;
import dev.spikeforge.boards.link.LinkParams;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.board.BoardGen;
import dev.spikeforge.hwgen.board.BoardTestFixtures;
import dev.spikeforge.hwgen.board.CoreStreamParams;
import dev.spikeforge.hwgen.board.SbPll40Params;
import dev.spikeforge.hwgen.board.UartBoardTopParams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The UART board top around the counting TEST FIXTURE core, at its pins, in Verilator and Icarus:
 * the host's {@link BoardClient} talks to it through {@link SimulatedSerialLink} exactly as it would
 * to a board. The framer's twin tests: the core's input beats (probes) equal what
 * {@link LinkCodec#decodeCommands} says the board makes of the bytes, and every frame the board sends
 * decodes with {@link FrameDecoder} to the fixture's known answer.
 */
@Tag("sim")
class BoardTopSimTest {
  private static final Path WORK = Path.of("target", "sim", "BoardTopSimTest");
  private static final long CLOCK = 12_000_000L;
  private static final int BAUD = 1_000_000; // divisor 12
  private static final int STEPS = 6;
  private static final CoreStreamParams CORE = new CoreStreamParams(6, 40, 5, 3); // 3-bit counts saturate at 7
  private static final long TIMEOUT_CYCLES = 3_000;
  /** Cycles the fixture core stalls after each step: slower than the link, so credits matter. */
  private static final int STEP_STALL = 600;
  private static final UartBoardTopParams TOP = new UartBoardTopParams("BoardTopUnderTest", CLOCK, BAUD, CORE,
      "CountingTestCore", 32, 8, TIMEOUT_CYCLES, 0x5EED_F00DL, true, true, true);
  private static final Map<String, PinSimulator.Build> BUILDS = new ConcurrentHashMap<>();

  static Stream<Arguments> simulators() {
    return Stream.of(Arguments.of("verilator"), Arguments.of("icarus"));
  }

  /** A fresh simulation of the board top (built once per simulator). */
  static SimulatedSerialLink board(String sim) {
    PinSimulator simulator = UartTwinSimTest.simulator(sim);
    PinSession s = BUILDS.computeIfAbsent(sim, k -> {
      Path rtl = WORK.resolve("rtl");
      GeneratedModule top = BoardGen.emitUartBoardTop(TOP, rtl);
      GeneratedModule core = BoardTestFixtures.emitCountingCore("CountingTestCore", CORE, STEPS, 2, STEP_STALL, rtl);
      PinHarness h = new PinHarness(List.of(top.verilog(), core.verilog()), top.moduleName(), "clk",
          List.of(new PinHarness.Port("uart_rx", 1, 1)),
          List.of(PinHarness.Port.of("uart_tx", 1), PinHarness.Port.of("led0", 1), PinHarness.Port.of("led1", 1),
              PinHarness.Port.of("probe_in_fire", 1), PinHarness.Port.of("probe_in_index", CORE.indexWidth()),
              PinHarness.Port.of("probe_in_end", 1), PinHarness.Port.of("probe_out_fire", 1)));
      return simulator.compile(h, WORK.resolve(k));
    }).start();
    return SimulatedSerialLink.exact(s, CLOCK, BoardGen.uartDivisor(CLOCK, BAUD));
  }

  static int[][] randomSample(SplittableRandom rnd, double density) {
    int[][] steps = new int[STEPS][];
    for (int t = 0; t < STEPS; t++) {
      List<Integer> s = new ArrayList<>();
      for (int i = 0; i < CORE.inputs(); i++) {
        if (rnd.nextDouble() < density) {
          s.add(i);
        }
      }
      steps[t] = s.stream().mapToInt(Integer::intValue).toArray();
    }
    return steps;
  }

  /**
   * The core's accepted input beats, from the probes: index, or -1 for end of step. Outputs are
   * reported as changes, so the values of each cycle are rebuilt, and a handshake that stays high
   * for k cycles is k beats.
   */
  static List<Integer> beats(List<PinSession.Change> changes) {
    List<Integer> out = new ArrayList<>();
    long fire = 0;
    long index = 0;
    long end = 0;
    int i = 0;
    while (i < changes.size()) {
      long cycle = changes.get(i).cycle();
      for (; i < changes.size() && changes.get(i).cycle() == cycle; i++) {
        PinSession.Change c = changes.get(i);
        switch (c.port()) {
          case "probe_in_fire" -> fire = c.value();
          case "probe_in_index" -> index = c.value();
          case "probe_in_end" -> end = c.value();
          default -> { }
        }
      }
      long next = i < changes.size() ? changes.get(i).cycle() : cycle + 1;
      for (long k = cycle; fire == 1 && k < next; k++) {
        out.add(end == 1 ? -1 : (int) index);
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("simulators")
  void identifyReportsTheGeneratedParameters(String sim) {
    try (BoardClient c = BoardClient.connect(board(sim), Duration.ofMillis(5))) {
      assertEquals(LinkParams.of(TOP), c.params());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("simulators")
  void samplesGiveTheFixturesAnswersAndTheCoreSeesExactlyTheDecodedBeats(String sim) {
    SplittableRandom rnd = new SplittableRandom(42);
    List<int[][]> samples = new ArrayList<>();
    samples.add(new int[STEPS][0]); // no spikes at all
    int[][] dense = new int[STEPS][];
    for (int t = 0; t < STEPS; t++) {
      dense[t] = java.util.stream.IntStream.range(0, CORE.inputs()).toArray(); // BITMAP steps, counts saturate
    }
    samples.add(dense);
    for (int k = 0; k < 6; k++) {
      samples.add(randomSample(rnd, k % 2 == 0 ? 0.05 : 0.4));
    }
    SimulatedSerialLink link = board(sim);
    try (BoardClient c = BoardClient.connect(link, Duration.ofMillis(5))) {
      List<BoardResult> results = c.classifyAll(samples);
      List<BoardResult> expected = samples.stream().map(s -> CountingCoreModel.expected(s, CORE.outputs(),
          CORE.countWidth())).toList();
      assertEquals(expected, results, sim + ": results");
      assertTrue(c.creditWaits() > 0, sim + ": the slow core should have made the host wait for credit");
      // framer RX twin: the beats the core accepted are what the host codec says the bytes mean
      LinkCodec codec = new LinkCodec(CORE);
      List<Integer> expectedBeats = new ArrayList<>();
      for (int[][] s : samples) {
        for (LinkCodec.Command cmd : codec.decodeCommands(codec.sample(s))) {
          if (cmd instanceof LinkCodec.Command.Spike sp) {
            expectedBeats.add(sp.index());
          } else if (cmd instanceof LinkCodec.Command.EndOfStep) {
            expectedBeats.add(-1);
          }
        }
      }
      assertEquals(expectedBeats, beats(link.otherChanges()), sim + ": core input beats");
      // the samples used both step encodings
      assertTrue(codec.step(dense[0])[0] == 'B' && codec.step(samples.get(2)[0])[0] == 'S');
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("simulators")
  void anUnknownCommandIsReportedAndTheLinkCarriesOn(String sim) {
    try (SimulatedSerialLink link = board(sim)) {
      BoardClient c = BoardClient.connect(link, Duration.ofMillis(5));
      link.write(new byte[] {'?'});
      LinkException e = assertThrows(LinkException.class, () -> c.classify(new int[STEPS][0]));
      assertTrue(e.getMessage().contains("unknown command byte 0x3f"), e.getMessage());
      // a new connection works and the core answers normally
      BoardClient again = BoardClient.connect(link, Duration.ofMillis(5));
      int[][] one = new int[STEPS][0];
      one[2] = new int[] {1, 4};
      assertEquals(CountingCoreModel.expected(one, CORE.outputs(), CORE.countWidth()), again.classify(one));
    }
  }

  /**
   * A SPARSE index that is not an input channel (>= inputs: the bound itself, and the largest byte) is dropped and
   * reported as ERROR 5 naming it; the step's other spikes and its end still reach the core, in order.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("simulators")
  void aSparseIndexThatIsNoInputIsDroppedAndReported(String sim) {
    try (SimulatedSerialLink link = board(sim)) {
      BoardClient.connect(link, Duration.ofMillis(5));
      int bound = CORE.inputs();
      link.write(new byte[] {'S', 3, 0, 5, (byte) bound, (byte) (bound - 1)});
      List<BoardFrame> first = readFrames(link, 5_000);
      assertTrue(first.contains(new BoardFrame.Error(5, bound)), sim + ": " + first);
      link.write(new byte[] {'S', 2, 0, (byte) 255, 0});
      List<BoardFrame> second = readFrames(link, 5_000);
      assertTrue(second.contains(new BoardFrame.Error(5, 255)), sim + ": " + second);
      assertFalse(first.stream().anyMatch(f -> f instanceof BoardFrame.Error e && e.detail() != bound), sim + ": " + first);
      assertEquals(List.of(5, bound - 1, -1, 0, -1), beats(link.otherChanges()), sim + ": core input beats");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("simulators")
  void aFrameCutOffMidwayTimesOutResetsTheCoreAndIsReported(String sim) {
    try (SimulatedSerialLink link = board(sim)) {
      BoardClient.connect(link, Duration.ofMillis(5));
      LinkCodec codec = new LinkCodec(CORE);
      link.write(codec.step(new int[] {3})); // one complete step: the core is mid-sample
      byte[] cut = codec.sparseStep(new int[] {1, 2, 3});
      link.write(java.util.Arrays.copyOf(cut, 4)); // 'S', count, first index; then silence
      List<BoardFrame> frames = readFrames(link, 3 * TIMEOUT_CYCLES);
      assertTrue(frames.contains(new BoardFrame.Error(4, 0)), sim + ": " + frames);
      // the core was reset: a full sample now gives the answer of that sample alone
      BoardClient c = BoardClient.connect(link, Duration.ofMillis(5));
      int[][] s = new int[STEPS][0];
      s[0] = new int[] {0};
      assertEquals(CountingCoreModel.expected(s, CORE.outputs(), CORE.countWidth()), c.classify(s));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("simulators")
  void ignoringCreditsOverflowsTheFifoAndIsReported(String sim) {
    try (SimulatedSerialLink link = board(sim)) {
      BoardClient.connect(link, Duration.ofMillis(5));
      LinkCodec codec = new LinkCodec(CORE);
      // empty steps arrive every 3 bytes (360 cycles) but take the core 600: 60 of them at once overflow
      java.io.ByteArrayOutputStream flood = new java.io.ByteArrayOutputStream();
      for (int k = 0; k < 60; k++) {
        flood.writeBytes(codec.sparseStep(new int[0]));
      }
      link.write(flood.toByteArray());
      List<BoardFrame> frames = readFrames(link, 200L * 10 * 12 + 60L * STEP_STALL);
      assertTrue(frames.contains(new BoardFrame.Error(3, 0)), sim + ": " + frames);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("simulators")
  void resetAbandonsASampleInProgress(String sim) {
    try (SimulatedSerialLink link = board(sim)) {
      BoardClient c = BoardClient.connect(link, Duration.ofMillis(5));
      LinkCodec codec = c.codec();
      link.write(codec.step(new int[] {1, 2}));
      link.write(codec.step(new int[] {3}));
      c.resetCore();
      int[][] s = new int[STEPS][0];
      s[5] = new int[] {4, 39};
      assertEquals(CountingCoreModel.expected(s, CORE.outputs(), CORE.countWidth()), c.classify(s));
    }
  }

  /**
   * A board whose core only infers (link version 2): BoardClient refuses to train or read weights from its
   * INFO, before sending anything (or reading the golden reference, here none). The board's own answer to a stray TRAIN frame is that of any unknown
   * command byte: ERROR 1 naming 'T', and the payload is read as commands (here bytes that are none: more
   * ERROR 1 frames), which LinkCodec.decodeCommands replays; the core is untouched.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("simulators")
  void learningCommandsToABoardThatOnlyInfersAreRefused(String sim) {
    try (SimulatedSerialLink link = board(sim)) {
      BoardClient c = BoardClient.connect(link, Duration.ofMillis(5));
      assertEquals(2, c.params().version());
      assertFalse(c.params().learns());
      int[][] s = new int[STEPS][0];
      s[2] = new int[] {7, 9};
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.train(s, 1, 0, 0, null));
      assertTrue(e.getMessage().contains("link version 2") && e.getMessage().contains("nothing was sent"),
          e.getMessage());
      e = assertThrows(IllegalStateException.class, () -> c.readWeights(0));
      assertTrue(e.getMessage().contains("without --learning"), e.getMessage());
      byte[] stray = c.codec().train(1, 2, 0x01020304, new int[] {0x05060708});
      assertEquals(stray.length, c.codec().decodeCommands(stray).stream()
          .filter(x -> x instanceof LinkCodec.Command.Unknown).count(), "every byte an unknown command");
      link.write(stray);
      List<BoardFrame> frames = readFrames(link, 60_000).stream().filter(f -> !(f instanceof BoardFrame.Credit)).toList();
      assertEquals(new BoardFrame.Error(1, 'T'), frames.get(0), sim);
      assertTrue(frames.stream().allMatch(f -> f instanceof BoardFrame.Error x && x.code() == 1), frames.toString());
      BoardClient again = BoardClient.connect(link, Duration.ofMillis(5));
      assertEquals(CountingCoreModel.expected(s, CORE.outputs(), CORE.countWidth()), again.classify(s));
    }
  }

  /** The iCEBreaker's real setting: 12 MHz clock, 115200 baud (104 cycles per bit). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("simulators")
  void worksAtTheIcebreakersBaudRate(String sim) {
    PinSimulator simulator = UartTwinSimTest.simulator(sim);
    UartBoardTopParams p = new UartBoardTopParams("BoardTop115200", CLOCK, 115_200, CORE, "CountingTestCore", 32, 8,
        120_000L, 1L, true, true, false);
    Path rtl = WORK.resolve("rtl-115200");
    GeneratedModule top = BoardGen.emitUartBoardTop(p, rtl);
    GeneratedModule core = BoardTestFixtures.emitCountingCore("CountingTestCore", CORE, STEPS, 0, 0, rtl);
    PinHarness h = new PinHarness(List.of(top.verilog(), core.verilog()), top.moduleName(), "clk",
        List.of(new PinHarness.Port("uart_rx", 1, 1)),
        List.of(PinHarness.Port.of("uart_tx", 1), PinHarness.Port.of("led0", 1), PinHarness.Port.of("led1", 1)));
    int divisor = BoardGen.uartDivisor(CLOCK, 115_200);
    assertEquals(104, divisor);
    try (SimulatedSerialLink link = SimulatedSerialLink.exact(simulator.start(h, WORK.resolve(sim + "-115200")),
        CLOCK, divisor); BoardClient c = BoardClient.connect(link, Duration.ofMillis(5))) {
      assertEquals(LinkParams.of(p), c.params());
      int[][] s = new int[STEPS][0];
      s[1] = new int[] {0, 2, 3};
      s[4] = new int[] {2};
      assertEquals(CountingCoreModel.expected(s, CORE.outputs(), CORE.countWidth()), c.classify(s));
    }
  }

  /**
   * A top on the PLL (SB_PLL40_PAD and SB_PLL40_CORE, their simulation models: the output clock is
   * the reference, LOCK after 4 edges) answers INFO and classifies once the lock-held reset is over.
   * The link runs at the clock the top counts in, as on the board, where that is the PLL's output.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("simulators")
  void aTopOnThePllWorksOnceLocked(String sim) {
    PinSimulator simulator = UartTwinSimTest.simulator(sim);
    for (boolean pad : new boolean[] {true, false}) {
      String name = pad ? "BoardTopPllPad" : "BoardTopPllCore";
      UartBoardTopParams p = new UartBoardTopParams(name, CLOCK, BAUD, CORE, "CountingTestCore", 32, 8,
          TIMEOUT_CYCLES, 2L, true, true, false).withPll(new SbPll40Params(pad, 0, 63, 5, 1), CLOCK);
      Path rtl = WORK.resolve("rtl-" + name);
      GeneratedModule top = BoardGen.emitUartBoardTop(p, rtl);
      GeneratedModule core = BoardTestFixtures.emitCountingCore("CountingTestCore", CORE, STEPS, 0, 0, rtl);
      PinHarness h = new PinHarness(List.of(top.verilog(), core.verilog()), top.moduleName(), "clk",
          List.of(new PinHarness.Port("uart_rx", 1, 1)),
          List.of(PinHarness.Port.of("uart_tx", 1), PinHarness.Port.of("led0", 1), PinHarness.Port.of("led1", 1)));
      try (SimulatedSerialLink link = SimulatedSerialLink.exact(simulator.start(h, WORK.resolve(sim + "-" + name)),
          CLOCK, BoardGen.uartDivisor(CLOCK, BAUD)); BoardClient c = BoardClient.connect(link, Duration.ofMillis(5))) {
        assertEquals(LinkParams.of(p), c.params(), name);
        int[][] s = new int[STEPS][0];
        s[0] = new int[] {1, 4};
        s[3] = new int[] {4, 39};
        assertEquals(CountingCoreModel.expected(s, CORE.outputs(), CORE.countWidth()), c.classify(s), name);
      }
    }
  }

  /** Reads and decodes frames for {@code cycles} simulated cycles. */
  static List<BoardFrame> readFrames(SimulatedSerialLink link, long cycles) {
    FrameDecoder d = new FrameDecoder(CORE);
    List<BoardFrame> out = new ArrayList<>();
    long end = link.cycle() + cycles;
    byte[] buf = new byte[256];
    while (link.cycle() < end) {
      link.advance(Math.min(end, link.cycle() + 500));
      int n = link.read(buf, Duration.ZERO);
      out.addAll(d.feed(buf, 0, n));
    }
    return out;
  }
}
