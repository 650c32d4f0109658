package dev.spikeforge.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.build.BuildException;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.flow.report.Activity;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SimResult;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Flow#report} on a build directory of {@code compile} (a random 784-8-10 network, no training,
 * no verification, no bitstream): what is absent is said, the activity is the golden model's on the
 * build's smoke vectors, the page is the same bytes twice, and every bad input is refused with the
 * file named and nothing written.
 */
@Tag("unit")
class HtmlReportTest {
  @TempDir
  static Path dir;
  private static Path build;
  private static NetworkSpec net;

  @BeforeAll
  static void compile() throws Exception {
    net = RandomNetworks.generate(new RandomNetworks.Options(new int[] {784, 8, 10}, 8, 4, 12, 0, false, false,
        false, false, ReadoutSpec.spikeCount(), 0.05), 3);
    Path m = dir.resolve("model.json");
    NetworkJson.write(net, m);
    build = dir.resolve("b");
    Flow.compile(CompileRequest.of(m, build), FlowEvents.quiet());
  }

  @Test
  void aCompileBuildSaysWhatItLacksAndMeasuresItsSmokeVectors() throws Exception {
    HtmlReport r = Flow.report(new HtmlReportRequest(build, dir.resolve("one.html")), FlowEvents.quiet());
    assertEquals("build", r.kind());
    assertTrue(r.images().contains("smoke vectors"), r.images());
    assertTrue(r.changed().isEmpty(), r.changed().toString());
    String html = Files.readString(r.file(), StandardCharsets.UTF_8);
    for (String s : List.of("Absent: training curve", "Absent: RTL verification", "Absent: utilization, timing and"
        + " power", "Absent: latency and energy", "no training record", "nothing was quantized")) {
      assertTrue(html.contains(HtmlEscape.of(s)), "the page should say '" + s + "'");
    }
    assertFalse(html.contains("<script"), "no script");
    assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "nothing fetched from a network");
    // one spike-rate chart and one membrane histogram per layer, all inline SVG with distinct definitions
    assertEquals(1 + net.layers().size(), count(html, "<svg "));
    assertTrue(html.contains("Membrane values of layer " + net.layers().get(0).name()));
    assertTrue(html.contains(net.layers().get(1).name()));
    assertTrue(html.contains(NetworkJson.contentHash(net)), "the network hash");
  }

  @Test
  void theSpikeRatesAreTheGoldenModelsOnTheSmokeVectors() {
    List<StimulusFile.Sample> smoke = StimulusFile.read(build.resolve("vectors/smoke.stim"));
    Activity a = Activity.measure(net, smoke.stream().map(StimulusFile.Sample::spikes).toList());
    IntSimulator sim = new IntSimulator(net);
    long[] spikes = new long[net.layers().size()];
    for (StimulusFile.Sample s : smoke) {
      SimResult r = sim.run(s.spikes());
      for (int l = 0; l < spikes.length; l++) {
        spikes[l] += r.layerSpikes()[l];
      }
    }
    for (int l = 0; l < spikes.length; l++) {
      assertEquals(spikes[l] / (double) (smoke.size() * net.layers().get(l).size()),
          a.layers().get(l).spikesPerImage(), 1e-12, "layer " + l);
      assertEquals((long) smoke.size() * net.timesteps() * net.layers().get(l).size(),
          a.layers().get(l).membranes().length, "one membrane per neuron and step");
    }
  }

  @Test
  void theSameBuildGivesTheSameBytes() throws Exception {
    Path a = Flow.report(new HtmlReportRequest(build, dir.resolve("a.html")), FlowEvents.quiet()).file();
    Path b = Flow.report(new HtmlReportRequest(build, dir.resolve("b.html")), FlowEvents.quiet()).file();
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void aFileChangedAfterCompileIsFlagged(@TempDir Path tmp) throws Exception {
    Path copy = tmp.resolve("b");
    copyTree(build, copy);
    Path mem = Files.list(copy.resolve("mem")).sorted().findFirst().orElseThrow();
    Files.writeString(mem, Files.readString(mem) + "00\n");
    HtmlReport r = Flow.report(new HtmlReportRequest(copy, null), FlowEvents.quiet());
    assertEquals(List.of(copy.relativize(mem).toString()), r.changed());
    String html = Files.readString(copy.resolve("report.html"));
    assertTrue(html.contains("CHANGED"), "the file table marks it");
    assertTrue(html.contains("Absent: an intact build directory"));
  }

  @Test
  void badInputIsRefusedNamingTheFileAndNothingIsWritten(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("r.html");
    assertRefused(tmp.resolve("nope"), out, "does not exist");
    Path file = Files.writeString(tmp.resolve("file.txt"), "x");
    assertRefused(file, out, "is a file, not a build directory");
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    assertRefused(empty, out, "is not a spikeforge build: neither " + empty.resolve("manifest.json"));
    Path corrupt = tmp.resolve("corrupt");
    copyTree(build, corrupt);
    Files.writeString(corrupt.resolve("manifest.json"), "{ not json");
    assertRefused(corrupt, out, corrupt.resolve("manifest.json") + " is corrupt");
    Path noNet = tmp.resolve("nonet");
    copyTree(build, noNet);
    Files.delete(noNet.resolve("network.json"));
    assertRefused(noNet, out, "cannot read the network of " + noNet);
    ConfigException e = assertThrows(ConfigException.class, () -> Flow.report(new HtmlReportRequest(build, tmp),
        FlowEvents.quiet()));
    assertEquals("output", e.field());
    assertTrue(e.problem().contains("is a directory"), e.problem());
  }

  private static void assertRefused(Path b, Path out, String message) {
    BuildException e = assertThrows(BuildException.class, () -> Flow.report(new HtmlReportRequest(b, out),
        FlowEvents.quiet()));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.getMessage().contains("spikeforge compile"), "names the fix: " + e.getMessage());
    assertFalse(Files.exists(out), "nothing written");
  }

  private static int count(String s, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  static void copyTree(Path from, Path to) throws Exception {
    try (var s = Files.walk(from)) {
      for (Path p : s.sorted().toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  /** The page's escaping of text, for assertions on the source. */
  static final class HtmlEscape {
    static String of(String s) {
      return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
          .replace("'", "&#39;");
    }
  }
}
