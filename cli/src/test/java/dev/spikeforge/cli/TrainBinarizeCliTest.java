package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static dev.spikeforge.cli.TrainCommandTest.tiny;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spikeforge train --binarize / --init: fine-tuning binarized layers with the straight-through estimator. */
@Tag("unit")
class TrainBinarizeCliTest {
  @Test
  void integerFineTuningBinarizesAndResumesExactly(@TempDir Path dir) throws Exception {
    Path base = dir.resolve("base");
    assertEquals(0, run(tiny(base, "--precision", "int", "--weight-bits", "6")).code());
    String init = base.resolve("model.json").toString();
    Path a = dir.resolve("a");
    CliTest.Run r = run(tiny(a, "--precision", "int", "--init", init, "--binarize", "fc1"));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("initial network (model.json, fc1 binarized): test accuracy"), r.out());
    NetworkSpec net = NetworkJson.read(a.resolve("model.json"));
    assertEquals(LayerKind.BINARIZED, net.layers().get(0).kind());
    assertEquals(1, net.layers().get(0).weightWidth());
    assertEquals(LayerKind.DENSE, net.layers().get(1).kind());
    assertEquals(6, net.layers().get(1).weightWidth(), "the widths come from the --init model");
    String metrics = Files.readString(a.resolve("metrics.json"));
    assertTrue(metrics.contains("initialTestAccuracy") && metrics.contains("\"binarized\" : [ \"fc1\" ]"), metrics);
    Path b = dir.resolve("b");
    assertEquals(0, run(tiny(b, "--precision", "int", "--init", init, "--binarize", "1", "--stop-after", "170")).code());
    CliTest.Run resumed = run(tiny(b, "--precision", "int", "--init", init, "--binarize", "1", "--resume"));
    assertEquals(0, resumed.code(), resumed.err());
    for (String f : new String[] {"model.json", "metrics.json", "metrics.csv", "checkpoint.sfck"}) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
    CliTest.Run ev = run("evaluate", a.resolve("model.json").toString(), "--dataset", "delay-pattern", "--limit", "20");
    assertEquals(0, ev.code(), ev.err());
  }

  @Test
  void floatFineTuningWritesBinarizedModels(@TempDir Path dir) throws Exception {
    Path base = dir.resolve("base");
    assertEquals(0, run(tiny(base)).code());
    Path a = dir.resolve("a");
    CliTest.Run r = run(tiny(a, "--init", base.resolve("float-model.json").toString(), "--binarize", "fc1",
        "--weight-bits", "4"));
    assertEquals(0, r.code(), r.err());
    assertEquals(LayerKind.BINARIZED, FloatNetworkJson.read(a.resolve("float-model.json")).layers().get(0).kind());
    NetworkSpec net = NetworkJson.read(a.resolve("model.json"));
    assertEquals(LayerKind.BINARIZED, net.layers().get(0).kind());
    assertEquals(4, net.layers().get(1).weightWidth());
  }

  @Test
  void badInput(@TempDir Path dir) throws Exception {
    Path base = dir.resolve("base");
    assertEquals(0, run(tiny(base, "--precision", "int", "--epochs", "1")).code());
    String init = base.resolve("model.json").toString();
    Path out = dir.resolve("run");
    assertOneCleanError(run(tiny(out, "--binarize", "fc3")), "--binarize: layer 'fc3' does not exist; the network has layers fc1..fc2");
    assertOneCleanError(run(tiny(out, "--binarize", "first")), "--binarize: 'first' is not a layer");
    assertOneCleanError(run(tiny(out, "--init", dir.resolve("none.json").toString())), "--init: no such file");
    assertOneCleanError(run(tiny(out, "--init", init, "--arch", "16-30-4")), "layer fc1 is 16->24 (--arch: 16->30)");
    assertOneCleanError(run(tiny(out, "--init", init, "--precision", "int", "--weight-bits", "4")),
        "--weight-bits 4 disagrees with --init");
    assertOneCleanError(run(tiny(out, "--init", init, "--layer-delay", "2")), "does not have delay 2 on its inputs");
  }
}
