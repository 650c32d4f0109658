package dev.spikeforge.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.spikeforge.golden.io.JsonDamage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of the build-config format (issue 16 item 3): the JSON of the {@code demo()} and {@code
 * tiny()} presets damaged by one to three random edits ({@link JsonDamage}) is either read, and then
 * round-trips, or refused with one {@link ConfigException} naming its field (or {@code (json)}) on one
 * line; never any other exception. {@value #DEFAULT_CASES} cases per run, the same ones every run;
 * {@code -Dspikeforge.fuzzCases=N} for the benchmark.
 */
@Tag("unit")
class BuildConfigFuzzTest {
  static final int DEFAULT_CASES = 1000;
  private static final int CASES = Integer.getInteger("spikeforge.fuzzCases", DEFAULT_CASES);

  @Test
  void damagedConfigsAreReadOrRefusedByField() {
    String[] presets = {BuildConfig.demo().toJson(), BuildConfig.tiny().toJson()};
    long seed0 = Long.getLong("spikeforge.fuzzSeed", 0L);
    for (int k = 0; k < CASES; k++) {
      SplittableRandom r = new SplittableRandom(seed0 + k);
      String doc = presets[r.nextInt(presets.length)];
      for (int n = 1 + r.nextInt(3); n > 0; n--) {
        doc = JsonDamage.damage(doc, r);
      }
      BuildConfig c;
      try {
        c = BuildConfig.fromJson(doc);
      } catch (ConfigException e) {
        assertFalse(e.field() == null || e.field().isBlank(), "case " + k + ": a refusal names its field: " + e);
        assertFalse(e.getMessage().contains("\n"), "case " + k + ": one line: " + e.getMessage());
        continue;
      } catch (RuntimeException e) {
        fail("case " + k + ": " + e + " on\n" + doc, e);
        continue;
      }
      assertEquals(c, BuildConfig.fromJson(c.toJson()), "case " + k + ": an accepted config round-trips");
    }
  }
}
