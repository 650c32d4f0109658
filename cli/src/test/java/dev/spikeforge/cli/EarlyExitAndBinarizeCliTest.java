package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class EarlyExitAndBinarizeCliTest {
  @Test
  void evaluateSweepsEarlyExit(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("m.json");
    assertEquals(0, CliTest.run("model", "random", "--sizes", "16,12,4", "--timesteps", "64", "-o", m.toString()).code());
    Path json = dir.resolve("r.json");
    CliTest.Run r = CliTest.run("evaluate", m.toString(), "--dataset", "delay-pattern", "--limit", "40",
        "--early-exit-sweep", "3", "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("early exit (FIRST_TO_FIRE)"), r.out());
    assertTrue(Files.readString(json).contains("\"earlyExitSweep\""));
    CliTest.assertOneCleanError(CliTest.run("evaluate", m.toString(), "--dataset", "delay-pattern",
        "--early-exit-sweep", "0"), "--early-exit-sweep");
    // A float model has no integer readout to sweep until it is quantized: one clear error, not a silent no-op.
    Path fm = dir.resolve("float.json");
    dev.spikeforge.golden.io.FloatNetworkJson.write(dev.spikeforge.golden.network.FloatNetwork.of(
        dev.spikeforge.golden.io.NetworkJson.read(m)), fm);
    CliTest.assertOneCleanError(CliTest.run("evaluate", fm.toString(), "--dataset", "delay-pattern",
        "--early-exit-sweep", "3"), "also quantize it");
    CliTest.Run q = CliTest.run("evaluate", fm.toString(), "--dataset", "delay-pattern", "--limit", "20",
        "--quantize", "8", "--early-exit-sweep", "2");
    assertEquals(0, q.code(), q.err());
    assertTrue(q.out().contains("early exit (FIRST_TO_FIRE)"), q.out());
  }

  @Test
  void binarizeMeetsTheBudget(@TempDir Path dir) throws Exception {
    NetworkSpec spec = RandomNetworks.generate(RandomNetworks.Options.dense(16, 40, 4), 3);
    Path fm = dir.resolve("float.json");
    FloatNetworkJson.write(FloatNetwork.of(spec), fm);
    Path out = dir.resolve("bin.json");
    CliTest.Run r = CliTest.run("binarize", fm.toString(), "--dataset", "delay-pattern", "--limit", "30",
        "--budget", "0.5", "--weight-bits", "8", "-o", out.toString());
    assertEquals(0, r.code(), r.err());
    NetworkSpec q = NetworkJson.read(out);
    assertEquals(LayerKind.BINARIZED, q.layers().get(0).kind(), r.out());
    assertTrue(r.out().contains("saved"), r.out());
    assertTrue(r.out().contains("--init " + fm + " --binarize " + q.layers().get(0).name()), "the fine-tuning step: " + r.out());
    CliTest.assertOneCleanError(CliTest.run("binarize", fm.toString(), "--dataset", "delay-pattern", "-o",
        out.toString()), "exactly one of --budget");
    // an integer model: binarized in the integer domain, the fine-tuning starting point
    Path im = dir.resolve("int.json");
    NetworkJson.write(spec, im);
    CliTest.Run ri = CliTest.run("binarize", im.toString(), "--dataset", "delay-pattern", "--limit", "30",
        "--budget", "0.5", "-o", out.toString());
    assertEquals(0, ri.code(), ri.err());
    NetworkSpec qi = NetworkJson.read(out);
    assertEquals(LayerKind.BINARIZED, qi.layers().get(0).kind(), ri.out());
    assertEquals(spec.layers().get(1).weightWidth(), qi.layers().get(1).weightWidth(), "the integer widths are kept");
    assertTrue(ri.out().contains("--precision int --init " + im + " --binarize l0"), ri.out());
    CliTest.assertOneCleanError(CliTest.run("binarize", im.toString(), "--dataset", "delay-pattern", "--budget", "0.5",
        "--weight-bits", "4", "-o", out.toString()), "--weight-bits applies to float models");
  }
}
