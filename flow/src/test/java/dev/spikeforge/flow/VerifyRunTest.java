package dev.spikeforge.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Flow#verify(VerifyRequest, FlowEvents)} on a tiny compiled 784-8-10 network: Poisson spikes and
 * dataset images bit-exact in Verilator, and requests refused with the field at fault.
 */
class VerifyRunTest {
  @Test
  @Tag("sim")
  void verifiesPoissonAndDatasetStimuliInVerilator(@TempDir Path dir) throws Exception {
    // a network that records latency coding: verify codes the dataset images with it, unasked
    NetworkSpec net = RandomNetworks.generate(new RandomNetworks.Options(new int[] {784, 8, 10}, 8, 4, 16, 0, false,
        false, false, false, ReadoutSpec.spikeCount(), 0.05), 3).withEncoder(EncoderSpec.latency(64));
    Path m = dir.resolve("model.json");
    NetworkJson.write(net, m);
    Path b = Flow.compile(CompileRequest.of(m, dir.resolve("b")), FlowEvents.quiet()).output();
    VerifyReport r = Flow.verify(VerifyRequest.of(b).withImages(2), FlowEvents.quiet());
    assertTrue(r.passed());
    assertEquals(2, r.samples());
    assertEquals(NetworkJson.contentHash(net), r.networkHash());
    assertTrue(Files.isRegularFile(r.reports().resolve("verify.json")));
    StringWriter log = new StringWriter();
    VerifyReport d = Flow.verify(VerifyRequest.of(b).withImages(2).withDataset("mnist-subset"),
        FlowEvents.logTo(new PrintWriter(log, true)));
    assertTrue(d.passed());
    assertEquals(2, d.report().results().get(0).samples());
    assertTrue(log.toString().contains("inputs coded with latency:min=64 (the network's encoder)"), log.toString());
  }

  @Test
  @Tag("unit")
  void refusesBadFields() {
    assertEquals("sim", assertThrows(ConfigException.class, () -> VerifyRequest.of(Path.of("b")).withSim("x")).field());
    assertEquals("images", assertThrows(ConfigException.class,
        () -> VerifyRequest.of(Path.of("b")).withImages(0)).field());
    assertEquals("dataset", assertThrows(ConfigException.class,
        () -> VerifyRequest.of(Path.of("b")).withDataset("nope")).field());
  }
}
