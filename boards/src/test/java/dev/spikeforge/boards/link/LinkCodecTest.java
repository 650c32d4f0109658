package dev.spikeforge.boards.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.hwgen.board.CoreStreamParams;
import dev.spikeforge.hwgen.board.LinkProtocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
@net.jqwik.api.Tag("unit")
class LinkCodecTest {
  private static final CoreStreamParams CORE = new CoreStreamParams(10, 784, 10, 8);

  @Test
  void sparseAndBitmapStepsHaveTheDocumentedBytes() {
    LinkCodec c = new LinkCodec(CORE);
    assertArrayEquals(new byte[] {'S', 3, 0, 0x01, 0x00, 0x10, 0x02, 0x0F, 0x03}, c.sparseStep(new int[] {1, 0x210, 783}));
    byte[] bitmap = c.bitmapStep(new int[] {0, 9, 783});
    assertEquals(1 + 98, bitmap.length);
    assertEquals('B', bitmap[0]);
    assertEquals(0x01, bitmap[1]);
    assertEquals(0x02, bitmap[2]);
    assertEquals((byte) 0x80, bitmap[98]);
    assertArrayEquals(new byte[] {'S', 0, 0}, c.step(new int[0]));
    // 48 spikes: sparse 1+2+96 = 99 = bitmap 1+98+... -> 99 vs 99: sparse on a tie
    int[] many = java.util.stream.IntStream.range(0, 48).toArray();
    assertEquals('S', c.step(many)[0]);
    assertEquals('B', c.step(java.util.stream.IntStream.range(0, 49).toArray())[0]);
  }

  @Test
  void badStepsAreRefusedByPosition() {
    LinkCodec c = new LinkCodec(CORE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.step(new int[] {3, 3}));
    assertTrue(e.getMessage().contains("strictly ascending"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c.step(new int[] {784}));
    assertTrue(e.getMessage().contains("outside 0..783"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c.sample(new int[][] {{1}, {2, 1}}));
    assertTrue(e.getMessage().startsWith("step 1:"), e.getMessage());
  }

  @Test
  void theBoardsParserTwinDropsBadIndicesAndReportsUnknownCommands() {
    LinkCodec c = new LinkCodec(new CoreStreamParams(4, 10, 2, 4));
    List<LinkCodec.Command> cmds = c.decodeCommands(new byte[] {'I', 'S', 2, 0, 12, 3, '?', 'X', 'B', (byte) 0xFF, 0x07});
    assertEquals(List.of(new LinkCodec.Command.Identify(), new LinkCodec.Command.DroppedIndex(12),
        new LinkCodec.Command.Spike(3), new LinkCodec.Command.EndOfStep(), new LinkCodec.Command.Unknown('?'),
        new LinkCodec.Command.Reset(), spike(0), spike(1), spike(2), spike(3), spike(4), spike(5), spike(6), spike(7),
        spike(8), spike(9), new LinkCodec.Command.EndOfStep()), cmds); // bitmap bits >= 10 ignored
  }

  private static LinkCodec.Command spike(int i) {
    return new LinkCodec.Command.Spike(i);
  }

  @Provide
  Arbitrary<int[][]> samples() {
    Arbitrary<int[]> step = Arbitraries.integers().between(0, CORE.inputs() - 1).set().ofMaxSize(300)
        .map(s -> s.stream().mapToInt(Integer::intValue).sorted().toArray());
    return step.array(int[][].class).ofMinSize(1).ofMaxSize(8);
  }

  /** Whatever encoding the codec picks, the board's parser (twin) gets back exactly the spikes. */
  @Property(tries = 200)
  void encodedSamplesDecodeToTheSameBeats(@ForAll("samples") int[][] sample) {
    LinkCodec c = new LinkCodec(CORE);
    List<LinkCodec.Command> expected = new ArrayList<>();
    for (int[] step : sample) {
      for (int s : step) {
        expected.add(new LinkCodec.Command.Spike(s));
      }
      expected.add(new LinkCodec.Command.EndOfStep());
    }
    byte[] bytes = c.sample(sample);
    assertEquals(expected, c.decodeCommands(bytes));
    int longest = 0;
    for (int[] step : sample) {
      longest = Math.max(longest, Math.min(c.sparseStep(step).length, c.bitmapStep(step).length));
    }
    assertTrue(longest <= LinkProtocol.bitmapStep(CORE).frameBytes());
  }

  /** Result frames round-trip through the host twin of the board's emitter and the decoder, in any chunking. */
  @Property(tries = 200)
  void resultFramesRoundTrip(@ForAll @IntRange(min = 1, max = 40) int outputs,
      @ForAll @IntRange(min = 1, max = 32) int countWidth, @ForAll long seed, @ForAll @IntRange(min = 1, max = 7) int chunk) {
    CoreStreamParams core = new CoreStreamParams(8, 200, outputs, countWidth);
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    Map<String, Long> v = new LinkedHashMap<>();
    int prediction = rnd.nextInt(outputs);
    boolean unique = rnd.nextBoolean();
    int step = rnd.nextInt(65536);
    v.put("prediction", (long) prediction);
    v.put("flags", unique ? 1L : 0L);
    v.put("decisionStep", (long) step);
    List<Long> counts = new ArrayList<>();
    for (int k = 0; k < outputs; k++) {
      long cnt = rnd.nextLong(1L << countWidth);
      counts.add(cnt);
      v.put("count" + k, cnt);
    }
    byte[] frame = LinkCodec.encodeToHost(LinkProtocol.result(core), v);
    byte[] credit = LinkCodec.encodeToHost(LinkProtocol.credit(), Map.of());
    byte[] stream = new byte[credit.length + frame.length + credit.length];
    System.arraycopy(credit, 0, stream, 0, credit.length);
    System.arraycopy(frame, 0, stream, credit.length, frame.length);
    System.arraycopy(credit, 0, stream, credit.length + frame.length, credit.length);
    FrameDecoder d = new FrameDecoder(core);
    List<BoardFrame> got = new ArrayList<>();
    for (int i = 0; i < stream.length; i += chunk) {
      got.addAll(d.feed(stream, i, Math.min(chunk, stream.length - i)));
    }
    assertEquals(List.of(new BoardFrame.Credit(), new BoardFrame.Result(new BoardResult(prediction, unique, step, counts)),
        new BoardFrame.Credit()), got);
  }

  @Test
  void corruptOrUnexpectedBytesAreReportedAsOutOfStep() {
    FrameDecoder d = new FrameDecoder(CORE);
    byte[] info = LinkCodec.encodeToHost(LinkProtocol.info(CORE), Map.of("version", 1L, "indexWidth", 10L,
        "inputs", 784L, "outputs", 10L, "countWidth", 8L, "fifoDepth", 512L, "creditChunk", 64L, "designId", 0xABCDEF01L));
    assertEquals(List.of(new BoardFrame.Info(new LinkParams(1, 10, 784, 10, 8, 512, 64, 0xABCDEF01L))),
        d.feed(info, 0, info.length));
    info[3] ^= 1;
    LinkException e = assertThrows(LinkException.class, () -> new FrameDecoder(CORE).feed(info, 0, info.length));
    assertTrue(e.getMessage().contains("bad checksum in a INFO frame"), e.getMessage());
    e = assertThrows(LinkException.class, () -> new FrameDecoder(CORE).feed(new byte[] {'Z'}, 0, 1));
    assertTrue(e.getMessage().contains("byte 0x5a at offset 0"), e.getMessage());
    assertEquals("the board received an unknown command byte 0x3f", new BoardFrame.Error(1, '?').describe());
  }

  /** LOAD frames: encode, then the board parser's twin yields one burst per frame; bad input refused. */
  @Test
  void loadFramesRoundTrip() {
    CoreStreamParams core = new CoreStreamParams(10, 784, 10, 8, 3, 13, 20); // 3-byte words
    LinkCodec c = new LinkCodec(core);
    List<java.math.BigInteger> words = List.of(java.math.BigInteger.valueOf(0xABCDE), java.math.BigInteger.ONE,
        java.math.BigInteger.valueOf(0xFFFFF));
    byte[] frame = c.load(2, 100, words);
    assertEquals(6 + 3 * 3, frame.length);
    assertEquals(LinkProtocol.CmdLoad(), frame[0] & 0xFF);
    byte[] second = c.load(0, 0, List.of(java.math.BigInteger.TWO));
    assertEquals(9, second.length);
    byte[] two = java.util.Arrays.copyOf(frame, frame.length + second.length);
    System.arraycopy(second, 0, two, frame.length, second.length);
    List<LinkCodec.Command> cmds = c.decodeCommands(two);
    assertEquals(List.of(
        new LinkCodec.Command.Load(2, 100, words.get(0), false),
        new LinkCodec.Command.Load(2, 101, words.get(1), false),
        new LinkCodec.Command.Load(2, 102, words.get(2), true),
        new LinkCodec.Command.Load(0, 0, java.math.BigInteger.TWO, true)), cmds);
    // a memory number the core does not have: the board drops the words (ERROR 6)
    byte[] bad = frame.clone();
    bad[1] = 7;
    assertEquals(List.of(new LinkCodec.Command.DroppedLoad(7)), c.decodeCommands(bad));
    assertThrows(IllegalArgumentException.class, () -> c.load(3, 0, words));
    assertThrows(IllegalArgumentException.class, () -> c.load(0, 8190, words));
    assertThrows(IllegalArgumentException.class, () -> c.load(0, 0, List.of(java.math.BigInteger.ONE.shiftLeft(20))));
    assertThrows(IllegalArgumentException.class, () -> new LinkCodec(new CoreStreamParams(10, 784, 10, 8)).load(0, 0,
        words));
    // without a load port 'W' is an unknown command
    assertEquals(List.of(new LinkCodec.Command.Unknown(LinkProtocol.CmdLoad())),
        new LinkCodec(new CoreStreamParams(10, 784, 10, 8)).decodeCommands(new byte[] {(byte) LinkProtocol.CmdLoad()}));
  }

  @Test
  void aPixelsFrameCarriesTheStateForPoissonOnlyAndVersion4InfoDecodes() {
    CoreStreamParams core = new CoreStreamParams(3, 5, 2, 4);
    LinkCodec c = new LinkCodec(core);
    byte[] img = {0, 1, (byte) 255, 7, 9};
    org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {'P', 0, 1, (byte) 255, 7, 9}, c.pixels(img, false, 0));
    org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {'P', 0x78, 0x56, 0x34, 0x12, 0, 1, (byte) 255, 7, 9},
        c.pixels(img, true, 0x12345678));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> c.pixels(new byte[4], false, 0));
    assertTrue(e.getMessage().contains("5 inputs"), e.getMessage());
    dev.spikeforge.hwgen.board.PixelInputParams px = new dev.spikeforge.hwgen.board.PixelInputParams(
        dev.spikeforge.golden.spec.EncoderSpec.latency(9), 12);
    assertEquals(1 + 1, LinkProtocol.pixels(core, px).frameBytes(), "type byte and the (repeated) pixel field");
    byte[] info = LinkCodec.encodeToHost(LinkProtocol.info(core, scala.Option.apply(px)), Map.ofEntries(
        Map.entry("version", 4L), Map.entry("indexWidth", 3L), Map.entry("inputs", 5L), Map.entry("outputs", 2L),
        Map.entry("countWidth", 4L), Map.entry("fifoDepth", 512L), Map.entry("creditChunk", 64L),
        Map.entry("designId", 7L), Map.entry("encoder", 2L), Map.entry("minIntensity", 9L), Map.entry("steps", 12L)));
    LinkParams want = new LinkParams(4, 3, 5, 2, 4, 512, 64, 7, 0, 0, 2, 9, 12);
    assertEquals(List.of(new BoardFrame.Info(want)),
        new FrameDecoder(new LinkParams(4, 3, 5, 2, 4, 512, 64, 7, 0, 0, 1, 0, 1)).feed(info, 0, info.length));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new LinkParams(4, 3, 5, 2, 4, 512, 64, 7, 0, 0, 0, 0, 0), "a version-4 INFO names its encoder");
  }
}
