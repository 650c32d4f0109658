package dev.spikeforge.boards.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.link.BoardClient;
import dev.spikeforge.boards.link.BoardFrame;
import dev.spikeforge.boards.link.BoardResult;
import dev.spikeforge.boards.link.FrameDecoder;
import dev.spikeforge.boards.link.LinkCodec;
import dev.spikeforge.boards.link.LinkParams;
import dev.spikeforge.compiler.image.MemoryImages;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.MemoryRole;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.DesireHardware;
import dev.spikeforge.golden.train.DesireLearningReference;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.HwGen;
import dev.spikeforge.hwgen.board.BoardGen;
import dev.spikeforge.hwgen.board.CoreStreamParams;
import dev.spikeforge.hwgen.board.UartBoardTopParams;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On-chip learning through the serial link, at the pins, in Verilator and Icarus (issue 11, item 6): the
 * UART board top around a real learning {@code SnnCore} (16-8-4, P = 4, dropout on inputs and hidden
 * neurons, stochastic rounding K = 16, per-layer shadow bits), driven by {@link BoardClient} over {@link
 * SimulatedSerialLink}. {@code readWeights} before training gives the compiled images; then every training
 * sample's decision and, after it, every weight word read back equal the golden reference's ({@link
 * DesireLearningReference}, which supplies the TRAIN frames' LFSR states); the board's own refusals of
 * bad TRAIN and READ frames arrive as ERROR frames and drop the command.
 */
@Tag("sim")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoardLearnSimTest {
  private static final Path WORK = Path.of("target", "sim", "BoardLearnSimTest");
  private static final long CLOCK = 12_000_000L;
  private static final int BAUD = 1_000_000;
  private static final int[] SIZES = {16, 8, 4};
  private static final int T = 8;

  private DesireConfig config;
  private NetworkSpec net;
  private HwCore core;
  private UartBoardTopParams top;
  private final Map<String, PinSimulator.Build> builds = new ConcurrentHashMap<>();

  static Stream<Arguments> simulators() {
    return Stream.of(Arguments.of("verilator"), Arguments.of("icarus"));
  }

  @BeforeAll
  void compile() throws IOException {
    DesireParams p = new DesireParams(T, 2, 2, 0.05, 0.3, 0.2, 0.3, Math.scalb(1.0, -6), 0.0, 1);
    int[] q = DesireIntParams.defaults(SIZES, 6, 12).thresholdShifts();
    DesireIntParams ip = new DesireIntParams(6, 0, 12, 6, q, 16, new int[] {2, 4});
    config = DesireConfig.intForm(SIZES, p, ip, 7);
    try (TrainingEngine e = config.engine(1)) {
      net = e.intNetwork();
    }
    core = HwMapper.map(net, MappingOptions.lanes(4), MemoryTarget.GENERIC, DesireHardware.learningSpec(config));
    Path build = WORK.resolve("build");
    HwGen.generateCore(core, build.resolve("rtl"));
    for (Map.Entry<String, String> img : MemoryImages.build(net, core).entrySet()) {
      Path f = build.resolve(img.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, img.getValue());
    }
    top = new UartBoardTopParams("BoardLearnTop", CLOCK, BAUD, BoardClient.loadParams(core), HwCore.TOP, 64, 16,
        50_000, 0x1EA2_0001L, true, true, false);
    BoardGen.emitUartBoardTop(top, build.resolve("rtl"));
  }

  private SimulatedSerialLink board(String sim) {
    PinSession s = builds.computeIfAbsent(sim, k -> {
      Path build = WORK.resolve("build");
      Path rtl = build.resolve("rtl");
      PinHarness h = new PinHarness(List.of(rtl.resolve(top.name() + ".sv"), rtl.resolve(HwCore.TOP + ".sv")),
          top.name(), "clk", List.of(new PinHarness.Port("uart_rx", 1, 1)),
          List.of(PinHarness.Port.of("uart_tx", 1), PinHarness.Port.of("led0", 1), PinHarness.Port.of("led1", 1)));
      Path work = WORK.resolve(k);
      try {
        // $readmemh paths are relative to the simulator's directory
        Files.createDirectories(work.resolve("mem"));
        try (Stream<Path> files = Files.list(build.resolve("mem"))) {
          for (Path f : files.toList()) {
            Files.copy(f, work.resolve("mem").resolve(f.getFileName()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return UartTwinSimTest.simulator(k).compile(h, work);
    }).start();
    return SimulatedSerialLink.exact(s, CLOCK, BoardGen.uartDivisor(CLOCK, BAUD));
  }

  private static int[][] sample(SplittableRandom rnd) {
    int[][] steps = new int[T][];
    for (int t = 0; t < T; t++) {
      List<Integer> s = new ArrayList<>();
      for (int i = 0; i < SIZES[0]; i++) {
        if (rnd.nextDouble() < 0.3) {
          s.add(i);
        }
      }
      steps[t] = s.stream().mapToInt(Integer::intValue).toArray();
    }
    return steps;
  }

  /** The reference's words of layer l that hold synapses, and the board's same words. */
  private void assertWeights(BoardClient c, DesireLearningReference ref, String what) {
    for (int l = 0; l < SIZES.length - 1; l++) {
      int synapseWords = core.layers().get(l).feedforward().depth();
      BigInteger[] want = Arrays.copyOf(ref.memoryWords(l), synapseWords);
      BigInteger[] got = Arrays.copyOf(c.readWeights(l), synapseWords);
      assertArrayEquals(want, got, what + ", layer " + l);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("simulators")
  void trainingSamplesOnTheBoardLearnExactlyWhatTheGoldenModelLearns(String sim) {
    SplittableRandom rnd = new SplittableRandom(11);
    try (SimulatedSerialLink link = board(sim); BoardClient c = BoardClient.connect(link, Duration.ofMillis(20));
         DesireLearningReference ref = DesireLearningReference.of(config, core, net)) {
      assertEquals(LinkParams.of(top), c.params());
      assertTrue(c.params().learns());
      int ff0 = core.memory(0, MemoryRole.FEEDFORWARD).depth();
      assertEquals(ff0, c.weightWords(0));
      assertWeights(c, ref, sim + ": the compiled images before training");
      int samples = sim.equals("verilator") ? 6 : 3;
      for (int k = 0; k < samples; k++) {
        int[][] x = sample(rnd);
        int label = rnd.nextInt(SIZES[SIZES.length - 1]);
        BoardResult r = c.train(x, label, 0, k, ref);
        int[] counts = ref.learn(dev.spikeforge.golden.sim.SpikeRaster.of(SIZES[0], x), label, 0, k);
        List<Long> want = Arrays.stream(counts).mapToObj(v -> (long) v).toList();
        assertEquals(want, r.counts(), sim + ": output counts of training sample " + k);
        assertWeights(c, ref, sim + ": after training sample " + k);
      }
      // a part of a layer, and inference after training: the same core, no TRAIN frame
      BigInteger[] part = c.readWeights(0, 3, 5);
      assertArrayEquals(Arrays.copyOfRange(ref.memoryWords(0), 3, 8), part);
      assertEquals(1, c.classifyAll(java.util.Collections.singletonList(sample(rnd))).size());
      // the host refuses what the board would refuse, before sending
      assertThrows(IllegalArgumentException.class, () -> c.train(sample(rnd), 4, 0, 99, ref));
      assertThrows(IllegalArgumentException.class, () -> c.readWeights(2));
      assertThrows(IllegalArgumentException.class, () -> c.readWeights(1, 0, c.weightWords(1) + 1));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("simulators")
  void badTrainAndReadFramesAreDroppedWithAnError(String sim) {
    try (SimulatedSerialLink link = board(sim)) {
      BoardClient c = BoardClient.connect(link, Duration.ofMillis(20));
      CoreStreamParams p = top.core();
      LinkCodec codec = new LinkCodec(p);
      link.write(codec.train(4, 6, 1, new int[] {1, 2})); // label 4 of 4 outputs
      link.write(codec.train(1, 64, 1, new int[] {1, 2})); // exponent beyond the 6-bit register
      link.write(codec.train(1, 6, 1, new int[] {1, 2, 3})); // three rounding states for two layers
      link.write(codec.read(2, 0, 1)); // no layer 2
      link.write(codec.read(1, c.weightWords(1) - 1, 2)); // one word past layer 1's memory
      List<BoardFrame> frames = readFrames(link, c.params(), 200_000);
      assertEquals(List.of(new BoardFrame.Error(7, 4), new BoardFrame.Error(8, 64), new BoardFrame.Error(9, 3),
          new BoardFrame.Error(10, 2), new BoardFrame.Error(11, 1)),
          frames.stream().filter(f -> !(f instanceof BoardFrame.Credit)).toList(), sim);
      // none of them trained or left anything behind: a good command works
      BoardClient again = BoardClient.connect(link, Duration.ofMillis(20));
      assertEquals(1, again.readWeights(1, 0, 1).length);
    }
  }

  /** Reads and decodes frames for {@code cycles} simulated cycles. */
  static List<BoardFrame> readFrames(SimulatedSerialLink link, LinkParams params, long cycles) {
    FrameDecoder d = new FrameDecoder(params);
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
