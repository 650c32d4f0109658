package dev.spikeforge.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.flow.explore.Explore;
import dev.spikeforge.flow.explore.ExploreReport;
import dev.spikeforge.flow.explore.ExploreRequest;
import dev.spikeforge.flow.explore.Metric;
import dev.spikeforge.flow.explore.PointResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's HTML report as a reader's browser shows it: a four-point estimate-only sweep (one point fails:
 * 8-bit weights overflow 8-bit membranes) renders in headless Chromium, and the rendered page holds the
 * summary, the three plots (inline SVG, drawn as text by the browser), the front with each point's figures,
 * the failed point with its reason, the estimator's error and a working link from every point to its cached
 * result. The PNG plots decode to images of the plot's size, and a rerun writes the same page.
 */
@Tag("browser")
class ExploreReportChromiumTest {
  private static final String SWEEP = "{\"format\": \"spikeforge.sweep\", \"version\": 1, \"name\": \"page\","
      + " \"model\": {\"fitLinear\": {\"trainSamples\": 1000, \"timesteps\": 20}},"
      + " \"data\": {\"testImages\": 200, \"calibrationImages\": 200},"
      + " \"axes\": {\"weightBits\": [4, 8], \"membraneBits\": [8, \"calibrate\"]},"
      + " \"objectives\": {\"accuracy\": \"max\", \"logicCells\": \"min\", \"energyUj\": \"min\"},"
      + " \"constraints\": [\"fits: icebreaker\"]}";

  @Test
  void theSweepReportRendersWithItsTablesPlotsAndLinks(@TempDir Path dir) throws Exception {
    HeadlessChromium.require();
    Path sweep = Files.writeString(dir.resolve("page.json"), SWEEP);
    Path out = dir.resolve("out");
    ExploreRequest req = ExploreRequest.of(sweep, out).withThreads(2);
    ExploreReport r = Explore.run(req, FlowEvents.quiet());
    Path page = out.resolve("report.html");
    assertTrue(r.files().contains(page), r.files().toString());
    String dom = HeadlessChromium.dumpDom(page, dir);
    String text = HeadlessChromium.text(dom);

    assertContains(text, "spikeforge explore: page");
    assertContains(text, "4 points, 0 synthesized for real");
    assertContains(text, "failed (reason recorded) 1");
    assertContains(text, "on the Pareto front " + r.frontIndices().size());
    for (String plot : new String[] {"logicCells", "latencyUs", "energyUj"}) {
      assertContains(text, "Accuracy against " + plot); // the chart title, SVG text drawn by the browser
      assertContains(text, "accuracy-vs-" + plot + ".png");
      BufferedImage png = ImageIO.read(out.resolve("accuracy-vs-" + plot + ".png").toFile());
      assertEquals(760, png.getWidth(), plot);
      assertEquals(440, png.getHeight(), plot);
    }
    assertEquals(3, dom.split("<svg ", -1).length - 1, "three inline plots");
    for (int i : r.frontIndices()) {
      PointResult p = r.points().get(i);
      assertContains(text, p.settings().label());
      assertContains(text, String.format(Locale.ROOT, "%.2f %%", 100 * p.value(Metric.ACCURACY)));
      assertContains(text, String.format(Locale.ROOT, "%.0f e", p.value(Metric.LOGIC_CELLS)));
    }
    PointResult failed = r.points().stream().filter(p -> !p.ok()).findFirst().orElseThrow();
    assertContains(text, failed.reason());
    assertContains(text, "Estimator error against real yosys/nextpnr runs");
    assertContains(text, "ESTIMATE: PowerModel");
    assertFalse(text.contains("NaN"), "no NaN shown as a figure");
    // every point links to its cached result, and the link resolves next to the page
    Matcher m = Pattern.compile("<a href=\"(points/[0-9a-f]{16}\\.json)\">").matcher(dom);
    int links = 0;
    while (m.find()) {
      links++;
      assertTrue(Files.isRegularFile(out.resolve(m.group(1))), m.group(1));
    }
    assertEquals(4 + r.frontIndices().size(), links, "one link per point in the table of all points and the front");

    byte[] html = Files.readAllBytes(page);
    byte[] png = Files.readAllBytes(out.resolve("accuracy-vs-logicCells.png"));
    Explore.run(req, FlowEvents.quiet());
    assertArrayEquals(html, Files.readAllBytes(page), "a rerun writes the same page");
    assertArrayEquals(png, Files.readAllBytes(out.resolve("accuracy-vs-logicCells.png")), "and the same PNG");
    assertFalse(new String(html, java.nio.charset.StandardCharsets.UTF_8).contains("<script"), "no script");
  }

  private static void assertContains(String text, String s) {
    assertTrue(text.contains(s), "the rendered page should show '" + s + "'; it shows:\n" + text);
  }
}
