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
   * The example of docs/hardware.md: 784 inputs (10-bit indices), 10 outputs, 8-bit counts, and a
   * load port of 4 memories, 13-bit addresses and 64-bit words (a 784-128-10 core with 16 lanes).
   */
  static final CoreStreamParams EXAMPLE = new CoreStreamParams(10, 784, 10, 8, 4, 13, 64);

  @Test
  void docsCarryTheRenderedTable() throws IOException {
    Path root = Path.of(System.getProperty("spikeforge.root", ".."));
    Path doc = root.resolve("docs").resolve("hardware.md");
    String table = LinkDocs.frameTable(EXAMPLE);
    String text = Files.exists(doc) ? Files.readString(doc) : "";
    assertTrue(text.contains(table), "docs/hardware.md must contain this table (regenerate it):\n" + table);
  }
}
