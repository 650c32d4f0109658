package dev.spikeforge.compiler.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/hardware.md shows the memory layouts of its example network as generated from the layout
 * lists (bit layouts are data): the tables in the document must equal {@link HwDocs#memoryTables}.
 */
@Tag("unit")
class HardwareDocTest {
  static final String BEGIN = "<!-- generated: HwDocs.memoryTables(example, lanes 2) -->\n";
  static final String END = "<!-- end of generated tables -->";

  @Test
  void layoutTablesAreGeneratedFromTheLayouts() throws Exception {
    Path root = Path.of(System.getProperty("spikeforge.root", ".."));
    String doc = Files.readString(root.resolve("docs/hardware.md"));
    int a = doc.indexOf("```json\n", doc.indexOf("Example network (used by `HardwareDocTest`)"));
    int b = doc.indexOf("```\n", a + 8);
    NetworkSpec example = NetworkJson.parse(doc.substring(a + 8, b));
    String tables = HwDocs.memoryTables(HwMapper.map(example, MappingOptions.lanes(2)));
    int s = doc.indexOf(BEGIN);
    int e = doc.indexOf(END);
    assertTrue(s >= 0 && e > s, "docs/hardware.md lacks the generated-table markers");
    assertEquals(tables, doc.substring(s + BEGIN.length(), e),
        "docs/hardware.md is out of date; replace the generated tables with:\n" + tables);
  }
}
