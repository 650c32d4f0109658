package dev.spikeforge.flow.explore;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** docs/explore.md documents every sweep parameter (with its default) and every metric. */
@Tag("unit")
class ExploreDocsTest {
  @Test
  void everyParameterAndMetricIsDocumented() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "explore.md"));
    for (Parameter p : Parameter.values()) {
      String row = "| `" + p.key() + "` | `" + p.defaultJson() + "` |";
      assertTrue(doc.contains(row), "docs/explore.md lacks the row " + row);
    }
    for (Metric m : Metric.values()) {
      assertTrue(doc.contains("`" + m.key() + "`"), "docs/explore.md lacks the metric " + m.key());
    }
  }
}
