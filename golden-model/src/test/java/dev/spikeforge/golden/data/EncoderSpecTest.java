package dev.spikeforge.golden.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.golden.spec.SpecException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link EncoderSpec}, the encoder a network records, and {@link SpikeEncoder#of}: the text form (canonical,
 * round trip, one clear error per defect) and determinism of every encoder it names (docs/datasets.md §3.5).
 */
@Tag("unit")
@net.jqwik.api.Tag("unit")
class EncoderSpecTest {
  @Provide
  Arbitrary<EncoderSpec> specs() {
    Arbitrary<Integer> min = Arbitraries.integers().between(0, 255);
    return Arbitraries.oneOf(
        min.map(EncoderSpec::rate),
        min.map(EncoderSpec::latency),
        Arbitraries.longs().map(EncoderSpec::poisson),
        Arbitraries.just(EncoderSpec.rate32()));
  }

  @Property(tries = 300)
  void textRoundTrips(@ForAll("specs") EncoderSpec s) {
    assertEquals(s, EncoderSpec.parse(s.toString()));
  }

  @Test
  void canonicalTextLeavesDefaultsOut() {
    assertEquals("rate", EncoderSpec.parse("rate:min=0").toString());
    assertEquals("rate:min=64", EncoderSpec.parse("rate:min=64").toString());
    assertEquals("latency", EncoderSpec.parse("latency:min=1").toString());
    assertEquals("latency:min=0", EncoderSpec.parse("latency:min=0").toString());
    assertEquals("poisson", EncoderSpec.parse("poisson:seed=1").toString());
    assertEquals("poisson:seed=-7", EncoderSpec.parse("poisson:seed=-7").toString());
    assertEquals(EncoderSpec.DEFAULT, EncoderSpec.parse("rate"));
    assertTrue(EncoderSpec.parse("rate:min=0").isDefault());
    assertTrue(!EncoderSpec.parse("rate:min=1").isDefault(), "min=1 codes the same spikes but is another text");
  }

  @Test
  void refusesMalformedTextWithTheAllowedForms() {
    for (String[] c : List.of(
        new String[] {"", "encoder: is empty; choose one of rate[:min=M]"},
        new String[] {"ttfs", "unknown encoder 'ttfs'; choose one of rate[:min=M], latency[:min=M], poisson[:seed=S], rate32"},
        new String[] {"Rate", "unknown encoder 'Rate'"},
        new String[] {"rate:", "nothing after ':'"},
        new String[] {"rate:min", "'min' is not KEY=VALUE"},
        new String[] {"rate:min=", "'min=' is not KEY=VALUE"},
        new String[] {"rate:min=256", "encoder.min: 256 is outside the allowed range 0..255"},
        new String[] {"latency:min=-1", "encoder.min: -1 is outside the allowed range 0..255"},
        new String[] {"latency:min=x", "encoder.min: 'x' is not an integer"},
        new String[] {"latency:seed=3", "latency takes only min=…, not 'seed'"},
        new String[] {"poisson:min=3", "poisson takes only seed=…, not 'min'"},
        new String[] {"rate32:min=3", "rate32 takes no parameters, not 'min'"},
        new String[] {"rate:min=3,min=4", "'min' is given twice"})) {
      SpecException e = assertThrows(SpecException.class, () -> EncoderSpec.parse(c[0]), c[0]);
      assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
      assertTrue(e.field().startsWith("encoder"), e.field());
    }
  }

  @Test
  void ofMakesTheNamedEncoder() {
    assertEquals(new RateEncoder(0), SpikeEncoder.of(EncoderSpec.parse("rate")));
    assertEquals(new RateEncoder(64), SpikeEncoder.of(EncoderSpec.parse("rate:min=64")));
    assertEquals(new LatencyEncoder(1), SpikeEncoder.of(EncoderSpec.parse("latency")));
    assertEquals(new LatencyEncoder(32), SpikeEncoder.of(EncoderSpec.parse("latency:min=32")));
    assertEquals(new PoissonEncoder(1), SpikeEncoder.of(EncoderSpec.parse("poisson")));
    assertEquals(new PoissonEncoder(9), SpikeEncoder.of(EncoderSpec.parse("poisson:seed=9")));
    assertInstanceOf(Float32RateEncoder.class, SpikeEncoder.of(EncoderSpec.parse("rate32")));
  }

  /** Same image, T and sample id give the same spikes, whichever encoder instance and call order. */
  @Property(tries = 200)
  void everyEncoderIsDeterministic(@ForAll("specs") EncoderSpec s, @ForAll @Size(min = 1, max = 64) byte[] image,
      @ForAll @IntRange(min = 1, max = 40) int steps, @ForAll @LongRange(min = 0, max = 1L << 40) long id) {
    SpikeRaster a = SpikeEncoder.of(s).encode(image, steps, id);
    SpikeEncoder.of(s).encode(new byte[] {(byte) 255, 1, 2}, 3, id + 1); // an unrelated call in between
    SpikeRaster b = SpikeEncoder.of(EncoderSpec.parse(s.toString())).encode(image.clone(), steps, id);
    assertEquals(a, b);
    assertEquals(image.length, a.channels());
    assertEquals(steps, a.steps());
  }

  /** Events per sample (the core's work): the closed forms of docs/datasets.md §3.1 and §3.3. */
  @Property(tries = 200)
  void eventCountsFollowTheDocumentedFormulas(@ForAll @Size(min = 1, max = 64) byte[] image,
      @ForAll @IntRange(min = 1, max = 64) int steps, @ForAll @IntRange(min = 0, max = 255) int min) {
    long rate = 0;
    long latency = 0;
    for (byte b : image) {
      int p = b & 0xFF;
      rate += p >= min ? p * steps / 255 : 0;
      latency += p >= min ? 1 : 0;
    }
    assertEquals(rate, SpikeEncoder.of(EncoderSpec.rate(min)).encode(image, steps, 0).spikeCount());
    assertEquals(latency, SpikeEncoder.of(EncoderSpec.latency(min)).encode(image, steps, 0).spikeCount());
  }

  private static Dataset tinyDataset(int n) {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    byte[][] s = new byte[n][20];
    int[] labels = new int[n];
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < 20; i++) {
        s[k][i] = (byte) rnd.nextInt(256);
      }
      labels[k] = k % 2;
    }
    return Dataset.ofIntensities("tiny", new int[] {20}, 2, s, labels);
  }

  /** Through a dataset, a sample gets the same spikes in any order (the id, not the position, seeds it). */
  @Property(tries = 30)
  void datasetOrderDoesNotChangeTheSpikes(@ForAll("specs") EncoderSpec s, @ForAll long shuffleSeed) {
    Dataset d = tinyDataset(12);
    Dataset shuffled = d.shuffled(shuffleSeed);
    SpikeEncoder e = SpikeEncoder.of(s);
    for (int k = 0; k < shuffled.size(); k++) {
      int original = (int) shuffled.id(k);
      assertEquals(d.encode(original, e, 7), shuffled.encode(k, e, 7), s + " sample " + original);
    }
  }
}
