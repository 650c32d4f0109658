package dev.spikeforge.boards.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.LatencyEncoder;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.hwgen.board.CoreStreamParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The client's protocol logic against a board written in Java (the RTL version is BoardTopSimTest). */
@Tag("unit")
class BoardClientTest {
  private static final CoreStreamParams CORE = new CoreStreamParams(8, 100, 4, 6);
  private static final Duration T = Duration.ofMillis(20);

  @Test
  void connectsPastGarbageAndStreamsWithinItsCredit() {
    FakeBoard b = new FakeBoard(CORE, 64, 16, 5);
    b.garbageBeforeInfo = new byte[] {'R', 1, 2, 'I', 9, 'K'}; // half a frame of an earlier session
    b.slowCore = true;
    try (BoardClient c = BoardClient.connect(b, T)) {
      assertEquals(b.params, c.params());
      SplittableRandom rnd = new SplittableRandom(3);
      List<int[][]> samples = new ArrayList<>();
      for (int k = 0; k < 30; k++) {
        int[][] s = new int[5][];
        for (int t = 0; t < 5; t++) {
          s[t] = rnd.ints(0, CORE.inputs()).limit(rnd.nextInt(12)).distinct().sorted().toArray();
        }
        samples.add(s);
      }
      List<BoardResult> got = c.classifyAll(samples);
      for (int k = 0; k < samples.size(); k++) {
        assertEquals(b.expected(samples.get(k)), got.get(k), "sample " + k);
      }
      assertTrue(b.maxFifo <= 64, "the host never sent beyond its credit: " + b.maxFifo);
      assertTrue(c.creditWaits() > 0, "30 samples do not fit 64 bytes of credit");
    }
  }

  /** Images go to the board coded with the encoder and T the network records: the spikes verify checked. */
  @Test
  void imagesAreCodedWithTheNetworksRecordedEncoder() {
    NetworkSpec net = RandomNetworks.generate(new RandomNetworks.Options(new int[] {100, 4, 4}, 5, 4, 16, 0, false,
        false, false, false, ReadoutSpec.spikeCount(), 0.1), 2).withEncoder(EncoderSpec.latency(10));
    FakeBoard b = new FakeBoard(CORE, 64, 16, 5);
    SplittableRandom rnd = new SplittableRandom(4);
    List<byte[]> images = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      byte[] img = new byte[100];
      for (int i = 0; i < img.length; i++) {
        img[i] = (byte) rnd.nextInt(256);
      }
      images.add(img);
    }
    try (BoardClient c = BoardClient.connect(b, T)) {
      List<BoardResult> got = c.classifyImages(net, images, new long[] {0, 1, 2, 3});
      for (int k = 0; k < images.size(); k++) {
        SpikeRaster r = new LatencyEncoder(10).encode(images.get(k), 5, k);
        int[][] steps = BoardClient.steps(net, images.get(k), k);
        for (int t = 0; t < 5; t++) {
          assertArrayEquals(r.at(t), steps[t], "image " + k + " step " + t);
        }
        assertEquals(b.expected(steps), got.get(k), "image " + k);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> BoardClient.steps(net, new byte[99], 0));
  }

  @Test
  void boardErrorsAndSilenceBecomeClearExceptions() {
    FakeBoard b = new FakeBoard(CORE, 64, 16, 2);
    BoardClient c = BoardClient.connect(b, T);
    b.write(new byte[] {'?'});
    LinkException e = assertThrows(LinkException.class, () -> c.classify(new int[][] {{1}, {2}}));
    assertTrue(e.getMessage().contains("unknown command byte 0x3f"), e.getMessage());

    BoardClient c2 = BoardClient.connect(b, T);
    e = assertThrows(LinkException.class, () -> c2.classify(new int[][] {{1}})); // one step of two: no answer
    assertTrue(e.getMessage().contains("no result") && e.getMessage().contains("0 of 1"), e.getMessage());

    SerialLink dead = new SerialLink() {
      @Override public void write(byte[] data) {}
      @Override public int read(byte[] buffer, Duration timeout) {
        return 0;
      }
      @Override public String describe() {
        return "/dev/ttyUSB9 at 115200 baud";
      }
      @Override public void close() {}
    };
    e = assertThrows(LinkException.class, () -> BoardClient.connect(dead, T));
    assertTrue(e.getMessage().contains("no INFO answer from /dev/ttyUSB9") && e.getMessage().contains("baud rate"),
        e.getMessage());
  }

  @Test
  void aMissingSerialDeviceIsNamed() {
    LinkException e = assertThrows(LinkException.class,
        () -> TtySerialLink.open(java.nio.file.Path.of("/dev/ttyUSB-spikeforge-none"), 115200));
    assertTrue(e.getMessage().contains("/dev/ttyUSB-spikeforge-none does not exist"), e.getMessage());
  }

  /** Pixels to a board without an on-chip encoder (link version 2) are refused before anything is sent. */
  @Test
  void pixelsToAFrameBoardAreRefusedBeforeSending() {
    NetworkSpec net = RandomNetworks.generate(new RandomNetworks.Options(new int[] {100, 4, 4}, 5, 4, 16, 0, false,
        false, false, false, ReadoutSpec.spikeCount(), 0.1), 2);
    FakeBoard b = new FakeBoard(CORE, 64, 16, 5);
    b.slowCore = true; // bytes written stay in its FIFO until a read, so any write would raise maxFifo
    try (BoardClient c = BoardClient.connect(b, T)) {
      long sent = b.maxFifo;
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> c.classifyPixels(net, List.of(new byte[100]), new long[] {0}));
      assertTrue(e.getMessage().contains("link version 2") && e.getMessage().contains("--input pixels")
          && e.getMessage().contains("nothing was sent"), e.getMessage());
      assertEquals(sent, b.maxFifo, "nothing was sent");
      assertTrue(!c.params().takesPixels());
    }
  }
}
