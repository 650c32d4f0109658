package dev.spikeforge.boards.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.TestTools;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link Ice40Pll} against icestorm's {@code icepll} (package fpga-icestorm): the same dividers,
 * filter range and achieved frequency (as icepll prints it, to 1 kHz) for every requested output
 * from 16 to 275 MHz in 0.25 MHz steps from the 12 MHz board clock, and in coarser steps from other
 * references that need DIVR above 0 and other filter ranges.
 */
@Tag("fpga")
class Ice40PllFpgaTest {
  private static final Pattern ACHIEVED = Pattern.compile("Achieved output frequency:\\s+([0-9.]+) MHz");

  @Test
  void everyConfigurationMatchesIcepll() throws Exception {
    TestTools.require("icepll");
    List<double[]> cases = new ArrayList<>();
    for (int q = 64; q <= 1100; q++) { // 16 .. 275 MHz in 0.25 MHz steps
      cases.add(new double[] {12, q / 4.0});
    }
    for (double in : new double[] {10, 13.5, 25, 33.333, 48, 100, 133}) {
      for (double out = 16; out <= 275; out += 7.3) {
        cases.add(new double[] {in, out});
      }
    }
    int filterRanges = 0;
    int dividedReferences = 0;
    for (double[] c : cases) {
      Ice40Pll mine = Ice40Pll.configure(c[0], c[1]);
      String icepll = icepll(c[0], c[1]);
      String what = "icepll -i " + c[0] + " -o " + c[1] + " said\n" + icepll + "\nbut Ice40Pll gave " + mine;
      assertEquals(field(icepll, "DIVR"), mine.divr(), what);
      assertEquals(field(icepll, "DIVF"), mine.divf(), what);
      assertEquals(field(icepll, "DIVQ"), mine.divq(), what);
      assertEquals(field(icepll, "FILTER_RANGE"), mine.filterRange(), what);
      Matcher m = ACHIEVED.matcher(icepll);
      assertTrue(m.find(), what);
      // icepll prints with printf("%8.3f"): the exact binary value, ties to even
      assertEquals(m.group(1), new BigDecimal(mine.achievedMhz()).setScale(3, RoundingMode.HALF_EVEN).toPlainString(),
          what);
      filterRanges |= 1 << mine.filterRange();
      dividedReferences += mine.divr() > 0 ? 1 : 0;
    }
    assertTrue(Integer.bitCount(filterRanges) >= 4, "the cases cover several filter ranges: " + filterRanges);
    assertTrue(dividedReferences > 0, "some cases divide the reference");
    System.out.printf(Locale.ROOT, "Ice40PllFpgaTest: %d configurations identical to icepll%n", cases.size());
  }

  /** {@code icepll -i IN -o OUT -m -f -}: the Verilog module on stdout (quiet). */
  private static String icepll(double in, double out) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("icepll", "-i", Double.toString(in), "-o", Double.toString(out), "-m", "-f", "-")
        .redirectErrorStream(true).start();
    p.getOutputStream().close();
    String text;
    try (InputStream s = p.getInputStream()) {
      text = new String(s.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(0, p.waitFor(), "icepll -i " + in + " -o " + out + ": " + text);
    return text;
  }

  private static int field(String icepll, String name) {
    Matcher m = Pattern.compile("// " + name + " =\\s*(\\d+)").matcher(icepll);
    assertTrue(m.find(), name + " missing from\n" + icepll);
    return Integer.parseInt(m.group(1));
  }
}
