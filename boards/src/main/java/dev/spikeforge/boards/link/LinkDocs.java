package dev.spikeforge.boards.link;

import dev.spikeforge.hwgen.board.CoreStreamParams;
import dev.spikeforge.hwgen.board.LinkField;
import dev.spikeforge.hwgen.board.LinkFrame;
import dev.spikeforge.hwgen.board.LinkProtocol;
import java.util.ArrayList;
import java.util.List;

/**
 * The link protocol's frame table in Markdown, rendered from the same {@code LinkProtocol} lists the
 * hardware and the codec are built from (docs/hardware.md carries it; a test keeps them equal).
 */
public final class LinkDocs {
  private LinkDocs() {}

  /** One row per frame: direction, type byte, fields with their sizes, total bytes. */
  public static String frameTable(CoreStreamParams core) {
    return table(core, LinkProtocol.frames(core));
  }

  /** The frame table of a pixel-input board top (link version 4) around {@code core}, encoding with {@code px}. */
  public static String frameTable(CoreStreamParams core, dev.spikeforge.hwgen.board.PixelInputParams px) {
    return table(core, LinkProtocol.frames(core, px));
  }

  private static String table(CoreStreamParams core, List<LinkFrame> frames) {
    StringBuilder sb = new StringBuilder();
    sb.append("| frame | direction | type byte | fields after the type byte (bytes, little-endian) | frame bytes |\n");
    sb.append("|---|---|---|---|---|\n");
    for (LinkFrame f : frames) {
      List<String> fields = new ArrayList<>();
      for (LinkField x : f.fields()) {
        fields.add(x.name() + " (" + x.bytes() + ")");
      }
      if (f.name().equals("SPARSE")) {
        fields.set(1, "count x index (" + LinkProtocol.indexBytes(core) + " each)");
      }
      if (f.name().equals("LOAD")) {
        fields.set(3, "count x word (" + LinkProtocol.loadWordBytes(core) + " each)");
      }
      if (f.name().equals("TRAIN")) {
        fields.set(4, "n x roundingState (" + LinkProtocol.LfsrBytes() + " each)");
      }
      int pixelBytes = 0;
      if (f.name().equals("PIXELS")) {
        pixelBytes = f.payloadBytes() - 1; // the state, if any
        fields.set(fields.size() - 1, core.inputs() + " x pixel (1 each)");
      }
      if (f.name().equals("LEARNING") && core.learnLayers() > 2) {
        List<String> shortened = new ArrayList<>(fields.subList(0, 1));
        shortened.add("depth0 .. depth" + (core.learnLayers() - 1) + " (3 each)");
        fields = shortened;
      }
      if (f.name().equals("RESULT") && core.outputs() > 2) {
        int cb = LinkProtocol.countBytes(core);
        List<String> shortened = new ArrayList<>(fields.subList(0, 3));
        shortened.add("count0 .. count" + (core.outputs() - 1) + " (" + cb + " each)");
        fields = shortened;
      }
      if (f.toHost()) {
        fields.add("checksum (1)");
      }
      String size = f.name().equals("SPARSE")
          ? "3 + " + LinkProtocol.indexBytes(core) + "n"
          : f.name().equals("LOAD") ? "6 + " + LinkProtocol.loadWordBytes(core) + "n"
          : f.name().equals("TRAIN") ? (1 + LinkProtocol.trainHeadBytes(core) + 1) + " + " + LinkProtocol.LfsrBytes() + "n"
          : f.name().equals("PIXELS") ? Integer.toString(1 + pixelBytes + core.inputs())
          : Integer.toString(f.frameBytes());
      sb.append("| ").append(f.name()).append(" | ").append(f.toHost() ? "board → host" : "host → board")
          .append(" | `").append((char) f.code()).append("` (0x").append(Integer.toHexString(f.code()))
          .append(") | ").append(fields.isEmpty() ? "—" : String.join(", ", fields)).append(" | ").append(size)
          .append(" |\n");
    }
    return sb.toString();
  }
}
