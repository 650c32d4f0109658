package dev.spikeforge.golden.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.SpecException;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of both model formats (issue 16 item 3): a valid document damaged by one to three random
 * edits (numbers replaced by extremes, wrong types, characters deleted, truncation, duplicated or
 * dropped array elements, unknown fields, odd strings, trailing data) is either read, and then
 * written back and read again to the same text, or refused with a {@link SpecException} naming a
 * field or a {@link ModelFormatException}; never any other exception. {@value #DEFAULT_CASES} cases per
 * format and run, the same ones every run (seeds 0.., {@code -Dspikeforge.fuzzSeed} moves them);
 * {@code -Dspikeforge.fuzzCases=N} for the benchmark ({@code bench/run-fuzz.sh}).
 */
@Tag("unit")
class ModelFileFuzzTest {
  static final int DEFAULT_CASES = 1200;
  private static final int CASES = Integer.getInteger("spikeforge.fuzzCases", DEFAULT_CASES);
  private static final long SEED = Long.getLong("spikeforge.fuzzSeed", 0L);
  /** Integer networks: random structures (delays, recurrence, binarized layers, both readouts). */
  private static String intDocument(SplittableRandom r) {
    NetworkSpec n = RandomNetworks.generate(new RandomNetworks.Options(new int[] {4 + r.nextInt(4), 3 + r.nextInt(3), 2},
        4 + r.nextInt(5), 6, 10, r.nextInt(4), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
        r.nextBoolean() ? ReadoutSpec.firstToFire(2) : ReadoutSpec.spikeCount(), 0.1), r.nextLong());
    return NetworkJson.write(n);
  }

  /** Float networks: the integer ones taken as reals (delays, recurrence and all), float64 weights. */
  private static String floatDocument(SplittableRandom r) {
    return FloatNetworkJson.write(FloatNetwork.of(NetworkJson.parse(intDocument(r))));
  }

  @Test
  void integerModelsAreReadOrRefusedByField() {
    for (int k = 0; k < CASES; k++) {
      fuzz(SEED + k, ModelFileFuzzTest::intDocument, NetworkJson::parse, NetworkJson::write);
    }
  }

  @Test
  void floatModelsAreReadOrRefusedByField() {
    for (int k = 0; k < CASES; k++) {
      fuzz(SEED + k, ModelFileFuzzTest::floatDocument, FloatNetworkJson::parse, FloatNetworkJson::write);
    }
  }

  private static <T> void fuzz(long seed, Function<SplittableRandom, String> valid, Function<String, T> parse,
      Function<T, String> write) {
    SplittableRandom r = new SplittableRandom(seed);
    String doc = valid.apply(r);
    int edits = 1 + r.nextInt(3);
    for (int k = 0; k < edits; k++) {
      doc = JsonDamage.damage(doc, r);
    }
    T read;
    try {
      read = parse.apply(doc);
    } catch (SpecException e) {
      assertFalse(e.field() == null || e.field().isBlank(), "seed " + seed + ": a refusal names its field: "
          + e.getMessage());
      return;
    } catch (ModelFormatException e) {
      assertFalse(e.getMessage().contains("\n"), "seed " + seed + ": one line: " + e.getMessage());
      return;
    } catch (RuntimeException e) {
      fail("seed " + seed + ": " + e + " on\n" + doc, e);
      return;
    }
    String text = write.apply(read);
    assertEquals(text, write.apply(parse.apply(text)), "seed " + seed + ": an accepted file round-trips");
  }
}
