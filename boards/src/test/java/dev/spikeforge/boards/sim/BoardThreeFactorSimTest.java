package dev.spikeforge.boards.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.link.BoardClient;
import dev.spikeforge.boards.link.BoardFrame;
import dev.spikeforge.boards.link.BoardResult;
import dev.spikeforge.boards.link.LinkCodec;
import dev.spikeforge.boards.link.LinkParams;
import dev.spikeforge.compiler.image.MemoryImages;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.train.threefactor.HardwareLearningSpec;
import dev.spikeforge.golden.train.threefactor.IntThreeFactorModel;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.golden.train.threefactor.ThreeFactorLearningReference;
import dev.spikeforge.hwgen.HwGen;
import dev.spikeforge.hwgen.board.BoardGen;
import dev.spikeforge.hwgen.board.UartBoardTopParams;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A three-factor (e-prop) learning core on the board, at its pins (issue 12): the UART board top around a real
 * {@code SnnCore} with a {@code ThreeFactorUnit} (the delay task, 16-4-4, synaptic delays, random feedback, its
 * hardware form), driven by {@link BoardClient} over {@link SimulatedSerialLink} in Verilator. Every training
 * sample's TRAIN frame carries the golden reference's feedback and rounding states ({@link
 * ThreeFactorLearningReference}); after every sample both layers' shadow words read back (READ frames) equal the
 * reference's. A TRAIN frame with a rate exponent (the unit has no rate register) is refused with ERROR 8, and one
 * with the wrong feedback state learns something else (so the state field reaches the unit).
 */
@Tag("sim")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoardThreeFactorSimTest {
  private static final Path WORK = Path.of("target", "sim", "BoardThreeFactorSimTest");
  private static final long CLOCK = 12_000_000L;
  private static final int BAUD = 1_000_000;
  private static final int HIDDEN = 4;
  private static final int SAMPLES = 3;

  private ThreeFactorConfig cfg;
  private NetworkSpec net;
  private HwCore core;
  private UartBoardTopParams top;
  private Dataset train;
  private Map<String, String> images;
  private PinSimulator.Build build;

  @BeforeAll
  void compile() throws IOException {
    ThreeFactorConfig p = ThreeFactorConfig.preset(HIDDEN, false, DelayMode.SYNAPTIC, NumericForm.HARDWARE);
    cfg = p.withLearning(p.learning().withFeedback(FeedbackMode.RANDOM));
    IntThreeFactorModel model = IntThreeFactorModel.create(cfg, cfg.task().channels(), cfg.task().classes(),
        cfg.task().steps());
    net = model.export();
    core = HwMapper.map(net, MappingOptions.lanes(1), MemoryTarget.GENERIC, HardwareLearningSpec.of(cfg));
    assertTrue(core.threeFactorLearning() != null && core.threeFactorLearning().randomFeedback(),
        "the test's core has a three-factor unit with random feedback");
    Path dir = WORK.resolve("build");
    HwGen.generateCore(core, dir.resolve("rtl"));
    images = MemoryImages.build(net, core);
    for (Map.Entry<String, String> img : images.entrySet()) {
      Path f = dir.resolve(img.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, img.getValue());
    }
    // a 128-byte receive FIFO: a 64-byte one's memory module (mem_64x8) has the name of the core's 64 x 8 code
    // memory, and the two generated files would declare it twice (docs/hardware.md, "The board top-level")
    top = new UartBoardTopParams("BoardThreeFactorTop", CLOCK, BAUD, BoardClient.loadParams(core), HwCore.TOP, 128,
        16, 50_000, 0x1EA2_0003L, true, true, false);
    BoardGen.emitUartBoardTop(top, dir.resolve("rtl"));
    train = new DelayPatternTask(cfg.task()).trainSet(SAMPLES + 1);
  }

  private SimulatedSerialLink board() {
    if (build == null) {
      Path dir = WORK.resolve("build");
      Path rtl = dir.resolve("rtl");
      PinHarness h = new PinHarness(List.of(rtl.resolve(top.name() + ".sv"), rtl.resolve(HwCore.TOP + ".sv")),
          top.name(), "clk", List.of(new PinHarness.Port("uart_rx", 1, 1)),
          List.of(PinHarness.Port.of("uart_tx", 1), PinHarness.Port.of("led0", 1), PinHarness.Port.of("led1", 1)));
      Path work = WORK.resolve("verilator");
      try {
        // $readmemh paths are relative to the simulator's directory
        Files.createDirectories(work.resolve("mem"));
        try (Stream<Path> files = Files.list(dir.resolve("mem"))) {
          for (Path f : files.toList()) {
            Files.copy(f, work.resolve("mem").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          }
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      build = UartTwinSimTest.simulator("verilator").compile(h, work);
    }
    return SimulatedSerialLink.exact(build.start(), CLOCK, BoardGen.uartDivisor(CLOCK, BAUD));
  }

  private static int[][] steps(SpikeRaster r) {
    int[][] out = new int[r.steps()][];
    for (int t = 0; t < r.steps(); t++) {
      out[t] = r.at(t);
    }
    return out;
  }

  /**
   * The unit's memories start empty (no init file): the host writes the compiled images through the load port,
   * as after programming a bitstream ({@code BoardClient.loadImages(build, true)}).
   */
  private void loadImages(BoardClient c) {
    assertTrue(BoardClient.needsLoad(core), "a three-factor core's images are loaded after programming");
    for (dev.spikeforge.golden.spec.hw.HwMemory m : core.memories()) {
      List<BigInteger> words = images.get(m.file()).lines().filter(l -> !l.isBlank())
          .map(l -> new BigInteger(l.strip(), 16)).toList();
      c.load(top.core(), core.loadIndex(m), words);
    }
  }

  private BigInteger[] words(BoardClient c, int l) {
    return c.readWeights(l);
  }

  @Test
  void everyShadowWordReadBackAfterEveryTrainingSampleIsTheReferences() {
    try (SimulatedSerialLink link = board(); BoardClient c = BoardClient.connect(link, Duration.ofMillis(50))) {
      ThreeFactorLearningReference ref = ThreeFactorLearningReference.of(cfg, core, net);
      assertEquals(LinkParams.of(top), c.params());
      assertTrue(c.params().learns());
      loadImages(c);
      for (int l = 0; l < 2; l++) {
        assertArrayEquals(ref.memoryWords(l), words(c, l), "layer " + l + ": the compiled images before training");
      }
      BigInteger[][] before = {ref.memoryWords(0), ref.memoryWords(1)};
      for (int k = 0; k < SAMPLES; k++) {
        SpikeRaster x = train.raster(k);
        int label = train.label(k);
        BoardResult r = c.train(steps(x), label, 0, k, ref);
        int[] counts = ref.learn(x, label, 0, k);
        assertEquals(Arrays.stream(counts).mapToObj(v -> (long) v).toList(), r.counts(),
            "output counts of training sample " + k);
        for (int l = 0; l < 2; l++) {
          assertArrayEquals(ref.memoryWords(l), words(c, l), "layer " + l + " after training sample " + k);
        }
      }
      // not vacuous: the samples moved the hidden layer's shadows (the output layer's, 16 words, may not move in
      // three samples of this small network; its words are compared all the same)
      assertFalse(Arrays.equals(before[0], ref.memoryWords(0)), "layer 0: no shadow word changed");
    }
  }

  @Test
  void aRateExponentIsRefusedAndAWrongFeedbackStateLearnsSomethingElse() {
    try (SimulatedSerialLink link = board(); BoardClient c = BoardClient.connect(link, Duration.ofMillis(50))) {
      ThreeFactorLearningReference ref = ThreeFactorLearningReference.of(cfg, core, net);
      LinkCodec codec = new LinkCodec(top.core());
      loadImages(c);
      int[] rounding = {ref.roundingState(0, 0, 0), ref.roundingState(1, 0, 0)};
      // the unit has no rate register: rate 1 is ERROR 8 and the command is dropped
      link.write(codec.train(0, 1, ref.feedbackState(), rounding));
      List<BoardFrame> frames = BoardLearnSimTest.readFrames(link, c.params(), 100_000);
      assertEquals(List.of(new BoardFrame.Error(8, 1)),
          frames.stream().filter(f -> !(f instanceof BoardFrame.Credit)).toList());
      // a wrong feedback state: the sample trains (the frame is well formed) but the hidden layer's update differs
      BoardClient again = BoardClient.connect(link, Duration.ofMillis(50));
      SpikeRaster x = train.raster(SAMPLES);
      int label = train.label(SAMPLES);
      link.write(codec.train(label, 0, ref.feedbackState() ^ 0x5A5A_0001, rounding));
      link.write(codec.sample(steps(x)));
      List<BoardFrame> answer = BoardLearnSimTest.readFrames(link, again.params(), 600_000);
      assertEquals(1, answer.stream().filter(f -> f instanceof BoardFrame.Result).count(), answer.toString());
      ref.learn(x, label, 0, 0);
      assertArrayEquals(ref.memoryWords(1), words(again, 1), "the output layer does not use the feedback matrix");
      assertFalse(Arrays.equals(ref.memoryWords(0), words(again, 0)),
          "the hidden layer learned the reference's words with another feedback state: the state field is not used");
    }
  }
}
