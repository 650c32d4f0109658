package dev.spikeforge.testbenches;

import dev.spikeforge.golden.delay.DelayRing;
import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.HwGen;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DelaySlotUnit (hw-gen) against {@code DelayRing.slot} (golden model): every step slot × every
 * delay of rings of 2..256 slots (the largest maxDelay, 255), Verilator and Icarus.
 */
@Tag("sim")
class DelaySlotUnitTest {
  private static final Path WORK = Path.of("target", "sim", "DelaySlotUnitTest");

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  @ParameterizedTest(name = "{0} slots")
  @ValueSource(ints = {2, 3, 5, 8, 17, 256})
  void everySlotAndDelay(int slots) {
    int delayWidth = Fx.unsignedWidthFor(slots - 1);
    GeneratedModule m = HwGen.generateDelaySlotUnit(slots, delayWidth, WORK.resolve("rtl"));
    VectorHarness h = VectorHarness.of(m);
    int stepCol = h.inputIndex("in_step_slot");
    int delayCol = h.inputIndex("in_delay");
    int outCol = h.outputIndex("out_slot");
    long[][] in = new long[slots * slots][2];
    long[][] out = new long[slots * slots][1];
    int r = 0;
    for (int t = 0; t < slots; t++) {
      for (int d = 0; d < slots; d++) {
        in[r][stepCol] = t;
        in[r][delayCol] = d;
        out[r][outCol] = DelayRing.slot(t, d, slots);
        r++;
      }
    }
    TwinVectors.assertBothSimulators(m, WORK, new TwinVectors.Cases(in, out));
  }
}
