package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --encoder SPEC} on the command line: train records it in both model files, evaluate and compile then
 * use it without being told, and a malformed spec is one clean error (exit 2) on every command that takes it.
 */
@Tag("unit")
class EncoderCliTest {
  @Test
  void trainRecordsTheEncoderAndLaterCommandsUseIt(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    CliTest.Run t = run("train", "--dataset", "mnist-subset", "--arch", "784-8-10", "--epochs", "1", "--timesteps",
        "6", "--train-limit", "60", "--test-limit", "20", "--weight-bits", "4", "--threads", "1",
        "--encoder", "latency:min=64", "-o", out.toString());
    assertEquals(0, t.code(), t.err());
    assertTrue(t.out().contains("encoder latency:min=64"), t.out());
    EncoderSpec spec = EncoderSpec.latency(64);
    assertEquals(spec, NetworkJson.read(out.resolve("model.json")).encoder());
    assertEquals(spec, FloatNetworkJson.read(out.resolve("float-model.json")).encoder());
    assertTrue(Files.readString(out.resolve("config.json")).contains("\"encoder\" : \"latency:min=64\""));

    CliTest.Run e = run("evaluate", out.resolve("model.json").toString(), "--dataset", "mnist-subset", "--limit", "8",
        "--threads", "1");
    assertEquals(0, e.code(), e.err());
    assertTrue(e.out().contains("latency:min=64 coding, T = 6"), e.out());

    CliTest.Run c = run("compile", out.resolve("model.json").toString(), "-o", dir.resolve("b").toString());
    assertEquals(0, c.code(), c.err());
    assertTrue(c.out().contains("inputs: encoder latency:min=64, T = 6"), c.out());
    assertEquals(spec, NetworkJson.read(dir.resolve("b/network.json")).encoder());
  }

  @Test
  void aMalformedEncoderIsOneCleanErrorEverywhere(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    assertOneCleanError(run("train", "--dataset", "mnist-subset", "--arch", "784-8-10", "--encoder", "latency:max=3",
        "-o", out.toString()), "--encoder 'latency:max=3': latency takes only min=…, not 'max'");
    assertFalse(Files.exists(out), "no output directory for a refused run");
    assertOneCleanError(run(TrainCommandTest.tiny(out, "--encoder", "latency")),
        "--encoder applies to intensity datasets; delay-pattern samples are already spikes");
    assertOneCleanError(run("dataset", "show", "--dataset", "mnist-subset", "--index", "0", "--encoder", "ttfs"),
        "unknown encoder 'ttfs'; choose one of rate[:min=M], latency[:min=M], poisson[:seed=S], rate32");
    Path m = dir.resolve("m.json");
    NetworkJson.write(RandomNetworks.generate(new RandomNetworks.Options(new int[] {784, 4, 10}, 4, 4, 16, 0, false,
        false, false, false, ReadoutSpec.spikeCount(), 0.05), 1), m);
    assertOneCleanError(run("evaluate", m.toString(), "--dataset", "mnist-subset", "--encoder", "rate:min=300"),
        "--encoder 300 is outside the allowed range 0..255");
    assertOneCleanError(run("compile", m.toString(), "--encoder", "rate:"), "--encoder 'rate:': nothing after ':'");
    assertOneCleanError(run("simulate", m.toString(), "--dataset", "mnist-subset", "--encoder", "poisson:seed=x"),
        "'x' is not an integer");
  }
}
