package dev.spikeforge.boards.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.board.BoardGen;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reset a PLL board top holds until lock ({@code LockReset}, hw-gen SbPll40.scala), in Verilator
 * and Icarus: high from configuration while LOCK is low; released after 2 synchroniser edges and
 * 2^(bits−1) counting edges once LOCK rises; held again as soon as the lost LOCK has passed the
 * synchroniser, and the count starts over.
 */
@Tag("sim")
class LockResetSimTest {
  private static final Path WORK = Path.of("target", "sim", "LockResetSimTest");
  private static final int BITS = 4;
  private static final int HOLD = 2 + (1 << (BITS - 1)); // synchroniser + counter

  /** Cycles at which {@code held} changed, with its new value (+cycle = rose, −cycle = fell). */
  private static List<Long> edges(List<PinSession.Change> changes) {
    List<Long> out = new ArrayList<>();
    for (PinSession.Change c : changes) {
      if (c.port().equals("held")) {
        out.add(c.value() == 1 ? c.cycle() : -c.cycle());
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"verilator", "icarus"})
  void resetIsHeldUntilLockAndForTheCountAfterIt(String sim) {
    PinSimulator simulator = UartTwinSimTest.simulator(sim);
    GeneratedModule m = BoardGen.emitLockResetProbe(BITS, WORK.resolve("rtl-" + sim));
    PinHarness h = new PinHarness(List.of(m.verilog()), m.moduleName(), "clk",
        List.of(new PinHarness.Port("lock", 1, 0)), List.of(PinHarness.Port.of("held", 1)));
    try (PinSession s = simulator.compile(h, WORK.resolve(sim)).start()) {
      List<PinSession.Change> first = s.runUntil(40);
      // Held from the start (the first change reported is the initial value) and never released unlocked.
      assertEquals(List.of(0L), edges(first).stream().map(Math::abs).toList().subList(0, 1), "held from cycle 0");
      assertEquals(1, edges(first).size(), "no release while LOCK is low: " + first);
      long lockAt = s.cycle();
      s.drive("lock", 1);
      List<Long> e = edges(s.runUntil(lockAt + 40));
      assertEquals(1, e.size(), "one release after lock: " + e);
      long fell = -e.get(0);
      long released = fell - lockAt;
      // Edge lockAt is the first to see LOCK: synchroniser stages at edges lockAt and lockAt + 1, then
      // 2^(bits-1) counting edges lockAt + 2 .. lockAt + HOLD - 1; the release shows after the last.
      assertEquals(HOLD - 1, released, "released after edge lockAt + " + released);
      long lostAt = s.cycle();
      s.drive("lock", 0);
      e = edges(s.runUntil(lostAt + 20));
      // Stages at edges lostAt and lostAt + 1; the counter clears at lostAt + 2.
      assertEquals(List.of(lostAt + 2), e, "held again once the synchroniser passes the lost LOCK");
      long relockAt = s.cycle();
      s.drive("lock", 1);
      e = edges(s.runUntil(relockAt + 40));
      assertEquals(List.of(-(relockAt + HOLD - 1)), e, "the count starts over after a relock");
    }
  }
}
