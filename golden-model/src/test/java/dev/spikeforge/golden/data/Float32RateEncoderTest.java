package dev.spikeforge.golden.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spikeforge.golden.sim.SpikeRaster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The authors' float32 input coding differs from the exact rate coder only where float32 rounding bites. */
@Tag("unit")
class Float32RateEncoderTest {
  @Test
  void differsOnlyAtPixels60_120_240() {
    byte[] all = new byte[256];
    for (int q = 0; q < 256; q++) {
      all[q] = (byte) q;
    }
    SpikeRaster f = new Float32RateEncoder().encode(all, 20, 0);
    SpikeRaster e = new RateEncoder().encode(all, 20, 0);
    List<String> diffs = new ArrayList<>();
    for (int t = 0; t < 20; t++) {
      for (int q = 0; q < 256; q++) {
        if (f.spiked(t, q) != e.spiked(t, q)) {
          diffs.add(q + "@" + t);
        }
      }
    }
    // float32: 60/255 summed 17 times stays just below 4, so the 4th spike comes one step later
    assertEquals(List.of("60@16", "120@16", "240@16", "60@17", "120@17", "240@17"), sorted(diffs));
  }

  static List<String> sorted(List<String> l) {
    l.sort((a, b) -> {
      int ta = Integer.parseInt(a.substring(a.indexOf('@') + 1));
      int tb = Integer.parseInt(b.substring(b.indexOf('@') + 1));
      return ta != tb ? Integer.compare(ta, tb) : Integer.compare(Integer.parseInt(a.substring(0, a.indexOf('@'))),
          Integer.parseInt(b.substring(0, b.indexOf('@'))));
    });
    return l;
  }
}
