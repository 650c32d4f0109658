package dev.spikeforge.testbenches;

import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.readout.Readout;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.HwGen;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ReadoutUnit (hw-gen, pipelined: one vector a clock, results {@link HwGen#readoutUnitLatency()}
 * clocks later) against {@code Readout} (golden model): {@code argmax}, {@code uniqueMax},
 * {@code firstToReach} and {@code reachedCount == 1}. Exhaustive over counts, spike masks and
 * decision counts 1..4 for 3 outputs of 2 bits; random, tie-heavy vectors for larger readouts;
 * Verilator and Icarus.
 */
@Tag("sim")
class ReadoutUnitTest {
  private static final Path WORK = Path.of("target", "sim", "ReadoutUnitTest");

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  @ParameterizedTest(name = "{0} outputs, {1}-bit counts")
  @CsvSource({"1, 3", "3, 2", "4, 1", "10, 5", "17, 8"})
  void equalsTheGoldenReadout(int n, int countWidth) {
    GeneratedModule m = HwGen.generateReadoutUnit(n, countWidth, WORK.resolve("rtl"));
    VectorHarness h = VectorHarness.of(m);
    int[] countCol = new int[n];
    for (int k = 0; k < n; k++) {
      countCol[k] = h.inputIndex("in_counts_" + k);
    }
    int spikedCol = h.inputIndex("in_spiked");
    int kCol = h.inputIndex("param_decision_count");
    int argmax = h.outputIndex("out_argmax");
    int uniqueMax = h.outputIndex("out_unique_max");
    int firstValid = h.outputIndex("out_first_valid");
    int first = h.outputIndex("out_first");
    int firstUnique = h.outputIndex("out_first_unique");
    long combos = (1L << (countWidth * n)) * (1L << n) * 4;
    boolean exhaustive = combos <= 1 << 16;
    int rows = exhaustive ? (int) combos : 40_000;
    long[][] in = new long[rows][h.inputs().size()];
    long[][] out = new long[rows][h.outputs().size()];
    Lfsr rng = Lfsr.seeded(n * 100L + countWidth);
    int maxCount = (1 << countWidth) - 1;
    for (int r = 0; r < rows; r++) {
      int[] counts = new int[n];
      long spiked;
      int k;
      if (exhaustive) {
        long x = r;
        for (int c = 0; c < n; c++) {
          counts[c] = (int) (x & maxCount);
          x >>>= countWidth;
        }
        spiked = x & ((1L << n) - 1);
        x >>>= n;
        k = 1 + (int) x;
      } else {
        // Few distinct values, so ties and exact hits of K are common.
        int top = Math.min(maxCount, 1 + (int) rng.nextBits(3));
        for (int c = 0; c < n; c++) {
          counts[c] = (int) (rng.nextBits(8) % (top + 1));
        }
        spiked = n <= 32 ? rng.nextBits(n) : rng.nextBits(32);
        k = 1 + (int) (rng.nextBits(8) % Math.min(255, maxCount + 1));
      }
      for (int c = 0; c < n; c++) {
        in[r][countCol[c]] = counts[c];
      }
      in[r][spikedCol] = spiked;
      in[r][kCol] = k;
      int[] idx = new int[n];
      int len = 0;
      for (int c = 0; c < n; c++) {
        if ((spiked >>> c & 1) != 0) {
          idx[len++] = c;
        }
      }
      int f = Readout.firstToReach(counts, idx, len, k);
      out[r][argmax] = Readout.argmax(counts);
      out[r][uniqueMax] = Readout.uniqueMax(counts) ? 1 : 0;
      out[r][firstValid] = f >= 0 ? 1 : 0;
      out[r][first] = Math.max(f, 0);
      out[r][firstUnique] = Readout.reachedCount(counts, idx, len, k) == 1 ? 1 : 0;
    }
    TwinVectors.assertBothSimulatorsClocked(m, WORK, new TwinVectors.Cases(in, out), HwGen.readoutUnitLatency());
  }
}
