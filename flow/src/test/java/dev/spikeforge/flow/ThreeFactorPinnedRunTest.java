package dev.spikeforge.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one Trainer reproduces the three-factor runs of the loop it replaced ({@code
 * ThreeFactorTraining.run}, removed after 76f5b2c) bit for bit: the model hashes below were written
 * by {@code spikeforge train --rule eprop} at 76f5b2c with exactly these options
 * ({@code --dataset delay-pattern --arch 16-16-4 --train-limit 300 --test-limit 100 --epochs 2
 * --threads 2}, plus the precision, delay mode and recurrence of each row).
 */
@Tag("unit")
class ThreeFactorPinnedRunTest {
  @ParameterizedTest(name = "{0} {1} recurrent={2}")
  @CsvSource({
      "float, synaptic, false, eacc81d01c7380826663fdabd148731a66b706c4d436ce261523f08f06d53651",
      "int,   synaptic, false, a5471375c4950173dc644bdf8efe1fe1cc7a1717da9910bc6b9cfa416affdaf7",
      "float, axonal,   true,  5574c0c9326e6afa91ac50de49df2d8d69af10f0a0bcc7d5d41ccaeb83c3ecb5",
      "int,   axonal,   true,  90dd373bef2efd81fe1b2347d06cfda82a500281d4fc7168207e5c589a657233"})
  void modelHashEqualsTheReplacedLoops(String precision, String delays, boolean recurrent, String hash,
      @TempDir Path dir) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("--delays", delays);
    if (recurrent) {
      options.put("--recurrent", true);
    }
    TrainReport r = Flow.train(TrainRequest.of("eprop", "delay-pattern", "16-16-4", dir.resolve("run"))
        .withEpochs(2).withPrecision(precision).withRuleOptions(options).withLimits(300, 100).withThreads(2),
        FlowEvents.quiet());
    assertEquals(hash, r.modelHash());
  }
}
