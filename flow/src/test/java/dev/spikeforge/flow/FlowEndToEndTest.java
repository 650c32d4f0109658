package dev.spikeforge.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole path through the API on {@link BuildConfig#tiny()}: train to RTL verified in Verilator. */
@Tag("sim")
class FlowEndToEndTest {

  @Test
  void tinyBuildIsVerifiedBitExact(@TempDir Path dir) throws Exception {
    BuildResult r = Flow.run(BuildConfig.tiny().withOutDir(dir.toString()));
    assertTrue(r.passed(), r.verify().failures());
    assertEquals(2, r.verify().samples());
    assertEquals(2, r.verify().bitExact());
    assertTrue(r.verify().clocks() > 0);
    assertNull(r.bitstream());
    BuildReport f = r.report();
    assertEquals(r.verify().clocks() / 2.0, f.clocksPerImage());
    assertEquals(f.clocksPerImage() / 12.0, f.latencyUs(), 1e-9, "iCEBreaker's 12 MHz board clock");
    assertTrue(Double.isNaN(f.energyUj()), "no bitstream, no power estimate");
    JsonNode results = Json.MAPPER.readTree(r.resultsFile().toFile());
    assertEquals(2, results.get("verify").get("bitExact").asInt());
    JsonNode verifyReport = Json.MAPPER.readTree(dir.resolve("build/reports/verify.json").toFile());
    assertTrue(verifyReport.toString().contains("verilator"), verifyReport.toString());
    assertTrue(Files.isRegularFile(dir.resolve(StepLedger.TIMES)));
    String report = Files.readString(r.reportFile());
    assertTrue(report.contains("PASSED: the RTL matches the golden model on 2 samples"), "report.html: verification");
    assertTrue(report.contains(String.format(java.util.Locale.ROOT, "%,.1f \u00b5s (%,.0f clocks)", f.latencyUs(),
        f.clocksPerImage())), "report.html: the flow's latency");
  }
}
