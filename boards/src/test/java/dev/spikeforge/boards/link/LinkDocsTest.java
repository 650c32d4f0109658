package dev.spikeforge.boards.link;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.hwgen.board.CoreStreamParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** docs/hardware.md shows the frame table rendered from the protocol's data, for its example core. */
@Tag("unit")
class LinkDocsTest {
  /**
   * The example of docs/hardware.md: the 784-128-10 learning core of the UP5K at 2 lanes (T = 20): 784
   * inputs (10-bit indices), 10 outputs, 5-bit counts, a load port of 5 memories, 16-bit addresses and
   * 32-bit words, a learning unit of 2 layers with a 6-bit rate register, fc1's 50,176 and fc2's 640 words.
   */
  static final CoreStreamParams EXAMPLE = new CoreStreamParams(10, 784, 10, 5, 5, 16, 32,
      new dev.spikeforge.hwgen.board.CoreLearnParams(2, 6, java.util.List.of(1, 3), java.util.List.of(50_176, 640)));

  /**
   * The pixel-input example of docs/hardware.md: the 784-128-10 inference core of the UP5K (a load port of 3
   * memories, 16-bit addresses, 16-bit words), Poisson coding over T = 20 (its PIXELS frames carry the LFSR state).
   */
  static final CoreStreamParams PIXEL_EXAMPLE = new CoreStreamParams(10, 784, 10, 5, 3, 16, 16);
  static final dev.spikeforge.hwgen.board.PixelInputParams PIXEL_ENCODER = new dev.spikeforge.hwgen.board.PixelInputParams(
      dev.spikeforge.golden.spec.EncoderSpec.poisson(1), 20);

  @Test
  void docsCarryTheRenderedPixelTable() throws IOException {
    Path root = Path.of(System.getProperty("spikeforge.root", ".."));
    String table = LinkDocs.frameTable(PIXEL_EXAMPLE, PIXEL_ENCODER);
    String text = Files.readString(root.resolve("docs").resolve("hardware.md"));
    assertTrue(text.contains(table), "docs/hardware.md must contain this table (regenerate it):\n" + table);
  }

  /**
   * The three-factor example of docs/hardware.md: the delay task's 16-16-4 learning core at 1 lane (4-bit indices,
   * a load port of 2 memories, 8-bit addresses, 24-bit shadow words, random feedback, K > 0).
   */
  static final CoreStreamParams THREE_FACTOR_EXAMPLE = new CoreStreamParams(4, 16, 4, 7, 2, 8, 24,
      dev.spikeforge.hwgen.board.CoreLearnParams.ofThreeFactor(2, java.util.List.of(0, 1), java.util.List.of(256, 64),
          true, true));

  @Test
  void docsCarryTheThreeFactorTrainRow() throws IOException {
    Path root = Path.of(System.getProperty("spikeforge.root", ".."));
    String row = LinkDocs.frameTable(THREE_FACTOR_EXAMPLE).lines().filter(l -> l.startsWith("| TRAIN "))
        .findFirst().orElseThrow() + "\n";
    assertTrue(row.contains("feedbackState (4)"), row);
    String text = Files.readString(root.resolve("docs").resolve("hardware.md"));
    assertTrue(text.contains(row), "docs/hardware.md must contain this row (regenerate it):\n" + row);
  }

  @Test
  void docsCarryTheRenderedTable() throws IOException {
    Path root = Path.of(System.getProperty("spikeforge.root", ".."));
    Path doc = root.resolve("docs").resolve("hardware.md");
    String table = LinkDocs.frameTable(EXAMPLE);
    String text = Files.exists(doc) ? Files.readString(doc) : "";
    assertTrue(text.contains(table), "docs/hardware.md must contain this table (regenerate it):\n" + table);
  }
}
