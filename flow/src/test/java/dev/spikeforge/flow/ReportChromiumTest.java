package dev.spikeforge.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's report, as a reader's browser shows it: {@link BuildConfig#tiny()} (trained, quantized,
 * compiled; verification and bitstream off, so only the dataset and chromium are needed) renders in
 * headless Chromium, and the rendered text holds the build's own figures, the training curve and the
 * activity plots, and says plainly what the build lacks and that Spiker+ is not like with like.
 */
@Tag("browser")
class ReportChromiumTest {

  @Test
  void theFlowsReportRendersInChromiumWithTheBuildsFigures(@TempDir Path dir) throws Exception {
    HeadlessChromium.require(); // before the build: a missing browser fails at once, naming the fix
    BuildConfig c = BuildConfig.tiny().withOutDir(dir.resolve("tiny").toString())
        .withVerify(BuildConfig.tiny().verify().disabled()) // 200 calibration images: seconds, not tens of them
        .withQuantize(new QuantizeConfig(4, 200, CalibrationRule.DEFAULT_MEMBRANE_TOLERANCE));
    BuildResult r = Flow.run(c);
    Path page = r.reportFile();
    assertTrue(Files.isRegularFile(page), "the report step writes " + page);
    String text = HeadlessChromium.text(HeadlessChromium.dumpDom(page, dir));

    JsonNode results = Json.MAPPER.readTree(r.resultsFile().toFile());
    String floatAcc = String.format(Locale.ROOT, "%.2f %%", 100 * results.path("float").path("accuracy").asDouble());
    String intAcc = String.format(Locale.ROOT, "%.2f %%", 100 * results.path("int").path("accuracy").asDouble());
    assertContains(text, "spikeforge build report: " + r.network().name() + " (784-8-10)");
    assertContains(text, "accuracy float / integer " + floatAcc + " / " + intAcc + " (100 Fashion-MNIST test images)");
    assertContains(text, "Training curve"); // the chart's title, drawn as SVG text
    assertContains(text, "test accuracy (end of epoch)");
    assertContains(text, "Spikes per neuron per image, by layer");
    for (var l : r.network().layers()) {
      assertContains(text, "Membrane values of layer " + l.name());
    }
    assertContains(text, "the first 2 Fashion-MNIST test images, the build's verification images (the images its"
        + " verify step checks; that step did not run in this build)");
    assertContains(text, "Absent: RTL verification");
    assertContains(text, "Absent: utilization, timing and power");
    assertContains(text, "Absent: latency and energy");
    assertContains(text, "Not like with like: this build's accuracy is measured on Fashion-MNIST, while Spiker+"
        + " published its accuracy on MNIST only");
    assertContains(text, "scale rule (calibrated) " + results.path("scaleRule").asText());
    assertContains(text, "network hash " + results.path("modelHash").asText());
    assertFalse(text.contains("NaN"), "no NaN shown as a figure");

    // the report command gives the same bytes as the report step
    Path again = Flow.report(new HtmlReportRequest(c.out(), dir.resolve("again.html")), FlowEvents.quiet()).file();
    assertArrayEquals(Files.readAllBytes(page), Files.readAllBytes(again));
    String html = Files.readString(page);
    assertEquals(2 + r.network().layers().size(), html.split("<svg ", -1).length - 1,
        "training curve, spike rates and one membrane histogram per layer, inline");
    assertFalse(html.contains("<script"), "self-contained, no script");
  }

  private static void assertContains(String text, String s) {
    assertTrue(text.contains(s), "the rendered page should show '" + s + "'; it shows:\n" + text);
  }
}
