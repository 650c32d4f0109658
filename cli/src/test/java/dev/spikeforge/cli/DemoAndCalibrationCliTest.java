package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.network.RandomNetworks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spikeforge demo} on a tiny network without the RTL and FPGA steps (the sim/fpga tiers and
 * docs/benchmarks.md cover those), its cache of the trained model and its errors; {@code compile
 * --scale} and {@code --accuracy-images} on a float model.
 */
@Tag("unit")
class DemoAndCalibrationCliTest {

  @Test
  void demoTrainsQuantizesCompilesAndReusesItsCachedModel(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("demo");
    String[] args = {"demo", "--arch", "784-8-10", "--epochs", "1", "--train-samples", "300", "--limit", "100", "--lanes", "4",
        "--no-verify", "--no-bitstream", "--threads", "2", "--out", out.toString()};
    CliTest.Run r = run(args);
    assertEquals(0, r.code(), r.err() + r.out());
    assertTrue(r.out().contains("== 1/3 train: desire backpropagation, 784-8-10 float, 1 epoch on 300"), r.out());
    assertTrue(r.out().contains("== 3/3 compile: 4 lanes"), r.out());
    assertTrue(r.out().contains("accuracy float / integer"), r.out());
    assertTrue(r.out().contains("-bit membranes (calibration accuracy"), r.out());
    assertTrue(r.out().contains("skipped (--no-bitstream)"), r.out());
    assertTrue(r.out().matches("(?s).*on-chip learning +skipped \\(--no-verify\\).*"), r.out());
    assertTrue(r.out().contains("Spiker+"), r.out());
    assertTrue(r.out().contains("NOTE: Not like with like: this build's accuracy is measured on Fashion-MNIST, while"
        + " Spiker+ published its accuracy on MNIST only"), r.out());
    assertTrue(Files.isRegularFile(out.resolve("report.html")), "the demo writes the HTML report");
    assertTrue(Files.isRegularFile(out.resolve("train/metrics.json")), "the training curve's record");
    assertTrue(Files.exists(out.resolve("train/float-model.json")));
    assertTrue(Files.exists(out.resolve("build/manifest.json")));
    String results = Files.readString(out.resolve("results.json"));
    assertTrue(results.contains("\"architecture\" : \"784-8-10\""), results);
    assertTrue(results.contains("\"membraneWidth\" : "), results);
    assertEquals(4, NetworkJson.read(out.resolve("model.json")).layers().get(0).weightWidth());
    String report = Files.readString(out.resolve("report.html"));

    CliTest.Run again = run(args);
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("cached model of the same options"), again.out());
    assertEquals(results, Files.readString(out.resolve("results.json")), "same inputs, same results");
    assertEquals(report, Files.readString(out.resolve("report.html")), "same inputs, same report");
  }

  @Test
  void demoErrors(@TempDir Path dir) {
    assertOneCleanError(run("demo", "--arch", "100-8-10", "--no-verify", "--no-bitstream", "--out", dir.toString()),
        "must start with 784 inputs");
    assertOneCleanError(run("demo", "--model", dir.resolve("nope.json").toString(), "--out", dir.toString()),
        "--model " + dir.resolve("nope.json") + " does not exist");
    assertOneCleanError(run("demo", "--verify-images", "0"), "--verify-images must be at least 1");
    assertOneCleanError(run("demo", "--learn-samples", "0"), "--learn-samples must be in 1..60000, got 0");
    // Refused before training: 784 x 512 4-bit weights exceed the UP5K's block RAM and SPRAM together.
    CliTest.Run big = run("demo", "--arch", "784-512-10", "--no-verify", "--out", dir.toString());
    assertOneCleanError(big, "board icebreaker has 11 for them");
    assertTrue(big.err().contains("none of mem/layer0_ff.hex"), big.err());
    assertTrue(big.err().contains("the default " + DemoCommand.DEFAULT_ARCH + " fits"), big.err());
    assertTrue(big.out().isEmpty(), big.out());
    assertOneCleanError(run("demo", "--board", "de10", "--no-verify"), "de10");
    // Refused before training: the PLL cannot make 300 MHz.
    CliTest.Run fast = run("demo", "--freq", "300", "--no-verify", "--out", dir.toString());
    assertOneCleanError(fast, "--freq 300");
    assertTrue(fast.out().isEmpty(), fast.out());
  }

  @Test
  void compileCalibratesTheScaleAndReportsFloatAndQuantizedAccuracy(@TempDir Path dir) throws Exception {
    Path fm = dir.resolve("float-model.json");
    FloatNetworkJson.write(FloatNetwork.of(RandomNetworks.generate(RandomNetworks.Options.dense(784, 6, 10), 5)), fm);
    CliTest.Run r = run("compile", fm.toString(), "--weight-width", "4", "--scale", "calibrate", "--calibration-images",
        "40", "--accuracy-images", "30", "--threads", "2", "-o", dir.resolve("b").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("scale calibration on 40 images:"), r.out());
    assertTrue(r.out().contains("<- chosen"), r.out());
    assertTrue(r.out().contains("accuracy on 30 fashion-mnist test images (rate coding, T = "), r.out());
    CliTest.Run p = run("compile", fm.toString(), "--weight-width", "4", "--scale", "percentile:99.5", "-o",
        dir.resolve("p").toString());
    assertEquals(0, p.code(), p.err());
    assertTrue(p.out().contains("scale rule: PERCENTILE(99.5)"), p.out());
    assertOneCleanError(run("compile", fm.toString(), "--scale", "median"), "--scale must be max-abs, power-of-two");
    assertOneCleanError(run("compile", fm.toString(), "--scale", "percentile:x"), "--scale percentile:P needs a number");
    assertOneCleanError(run("compile", fm.toString(), "--scale", "percentile:101"), "--scale percentile:P needs P in (0, 100]");
    Path im = dir.resolve("int.json");
    NetworkJson.write(RandomNetworks.generate(RandomNetworks.Options.dense(6, 5, 3), 1), im);
    assertOneCleanError(run("compile", im.toString(), "--scale", "calibrate"), "is an integer network");
    assertOneCleanError(run("compile", im.toString(), "--membrane-width", "calibrate"), "is an integer network");
  }

  @Test
  void compileCalibratesTheMembraneWidthAndRecordsTheChoice(@TempDir Path dir) throws Exception {
    Path fm = dir.resolve("float-model.json");
    FloatNetworkJson.write(FloatNetwork.of(RandomNetworks.generate(RandomNetworks.Options.dense(784, 6, 10), 5)), fm);
    Path out = dir.resolve("b");
    CliTest.Run r = run("compile", fm.toString(), "--weight-width", "4", "--scale", "percentile:99", "--membrane-width",
        "calibrate", "--membrane-tolerance", "1", "--calibration-images", "40", "--threads", "2", "-o", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("membrane-width calibration on 40 images (keep the narrowest within 1.00 points"), r.out());
    assertTrue(r.out().contains("<- chosen"), r.out());
    int chosen = NetworkJson.read(out.resolve("network.json")).layers().get(0).neuron().membraneWidth();
    assertTrue(chosen < 16, "a random 784-6-10 network never comes near 16-bit membranes: " + chosen);
    assertTrue(r.out().contains(String.format("%2d bits", chosen) + "  "), r.out());
    assertTrue(Files.readString(out.resolve("config.json")).contains("calibrated:" + chosen + " (from 16, tolerance 1.00"),
        Files.readString(out.resolve("config.json")));
    assertOneCleanError(run("compile", fm.toString(), "--membrane-width", "narrow"),
        "--membrane-width must be a number of bits, 'auto' or 'calibrate', not 'narrow'");
    assertOneCleanError(run("compile", fm.toString(), "--membrane-tolerance", "1"),
        "--membrane-tolerance applies only with membrane width 'calibrate'");
    assertOneCleanError(run("compile", fm.toString(), "--membrane-width", "calibrate", "--membrane-tolerance", "-1"),
        "--membrane-tolerance must be");
  }
}
