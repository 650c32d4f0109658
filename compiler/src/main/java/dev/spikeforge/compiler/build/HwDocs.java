package dev.spikeforge.compiler.build;

import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwField;
import dev.spikeforge.golden.spec.hw.HwMemory;

/**
 * The memory-layout tables of docs/hardware.md, rendered from the same {@code HwWordLayout} lists
 * the image packer and hw-gen use (a test keeps the document equal to this output).
 */
public final class HwDocs {
  private HwDocs() {}

  /** One Markdown table per memory of {@code core}. */
  public static String memoryTables(HwCore core) {
    StringBuilder sb = new StringBuilder();
    for (HwMemory m : core.memories()) {
      sb.append("`").append(m.file()).append("`: ").append(m.role()).append(", ").append(m.depth()).append(" words of ")
          .append(m.width()).append(" bits = ").append(m.lanes()).append(m.lanes() == 1 ? " lane word" : " lane words")
          .append(" of ").append(m.laneWord().width()).append(" bits (").append(m.laneWord().name()).append(")\n\n");
      sb.append("| field | width | offset in the lane word | signed |\n|---|---|---|---|\n");
      for (HwField f : m.laneWord().fields()) {
        sb.append("| `").append(f.name()).append("` | ").append(f.width()).append(" | ").append(f.offset()).append(" | ")
            .append(f.signed() ? "yes" : "no").append(" |\n");
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
