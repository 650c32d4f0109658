package dev.spikeforge.boards.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.Boards;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Hand-checked PLL configurations and the errors for frequencies the PLL cannot make. */
@Tag("unit")
class Ice40PllTest {

  private static void assertPll(Ice40Pll p, int divr, int divf, int divq, int filter, double achievedMhz) {
    assertEquals(divr, p.divr(), "DIVR of " + p);
    assertEquals(divf, p.divf(), "DIVF of " + p);
    assertEquals(divq, p.divq(), "DIVQ of " + p);
    assertEquals(filter, p.filterRange(), "FILTER_RANGE of " + p);
    assertEquals(achievedMhz, p.achievedMhz(), 0.0, "achieved MHz of " + p);
  }

  @Test
  void twelveToTwentyFourDoublesTheBoardClockExactly() {
    // PFD 12 MHz (DIVR 0), VCO 12 x 64 = 768 MHz (DIVF 63), 768 / 2^5 = 24 MHz (DIVQ 5)
    Ice40Pll p = Ice40Pll.configure(12, 24);
    assertPll(p, 0, 63, 5, 1, 24.0);
    assertEquals(12.0, p.pfdMhz());
    assertEquals(768.0, p.vcoMhz());
    assertEquals(24_000_000L, p.achievedHz(12_000_000L));
  }

  @Test
  void anInexactRequestGetsTheNearestOutput() {
    // 28 x 32 = 896 is no multiple of 12: VCO 888 (DIVF 73) gives 27.75, VCO 900 (DIVF 74) 28.125, nearer
    assertPll(Ice40Pll.configure(12, 28), 0, 74, 5, 1, 28.125);
    assertEquals(28_125_000L, Ice40Pll.configure(12, 28).achievedHz(12_000_000L));
    // 16 needs a 1024 MHz VCO: 1020 (DIVF 84, 15.9375) is nearer than 1032 (DIVF 85, 16.125)
    assertPll(Ice40Pll.configure(12, 16), 0, 84, 6, 1, 15.9375);
    // 48 = 768 / 2^4
    assertPll(Ice40Pll.configure(12, 48), 0, 63, 4, 1, 48.0);
  }

  @Test
  void aFastReferenceIsDividedDownAndTheFilterFollowsThePhaseDetector() {
    // 100 MHz / (DIVR 4 + 1) = 20 MHz PFD would take filter 2; the first exact hit is DIVR 0:
    // PFD 100 (filter 5), VCO 600 (DIVF 5), 600 / 2^3 = 75
    assertPll(Ice40Pll.configure(100, 75), 0, 5, 3, 5, 75.0);
    assertEquals(1, Ice40Pll.filterRange(16.99));
    assertEquals(2, Ice40Pll.filterRange(17));
    assertEquals(3, Ice40Pll.filterRange(26));
    assertEquals(4, Ice40Pll.filterRange(44));
    assertEquals(5, Ice40Pll.filterRange(66));
    assertEquals(6, Ice40Pll.filterRange(101));
  }

  @Test
  void outputsOutsideThePllsRangeAreRefusedNamingTheRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ice40Pll.configure(12, 300));
    assertTrue(e.getMessage().contains("16..275 MHz") && e.getMessage().contains("300"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Ice40Pll.configure(12, 15.9));
    assertThrows(IllegalArgumentException.class, () -> Ice40Pll.configure(12, Double.NaN));
    e = assertThrows(IllegalArgumentException.class, () -> Ice40Pll.configure(8, 24));
    assertTrue(e.getMessage().contains("10..133 MHz reference"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Ice40Pll(12, 24, 0, 128, 5, 1, 24));
    assertThrows(IllegalArgumentException.class, () -> new Ice40Pll(12, 24, 0, 63, 0, 1, 24));
  }

  @Test
  void theCoreClockIsTheBoardClockUnlessAnotherFrequencyIsAsked() {
    CoreClock board = CoreClock.ofBoard(Boards.icebreaker());
    assertFalse(board.usesPll());
    assertEquals(12_000_000L, board.coreHz());
    assertEquals(board, CoreClock.forRequest(Boards.icebreaker(), 12));
    CoreClock fast = CoreClock.forRequest(Boards.icebreaker(), 28);
    assertTrue(fast.usesPll());
    assertEquals(28.125, fast.coreMhz());
    assertEquals(28_125_000L, fast.coreHz());
    assertEquals(12.0, fast.boardMhz());
    assertEquals("core clock 28.125 MHz from the 12 MHz board clock by the PLL (DIVR 0, DIVF 74, DIVQ 5, "
        + "FILTER_RANGE 1)", fast.describe());
    assertEquals("core clock = board clock 12 MHz (no PLL)", board.describe());
  }

  @Test
  void anUnreachableFreqIsAFlowErrorNamingTheOptionAndTheRange() {
    FlowException e = assertThrows(FlowException.class, () -> CoreClock.forRequest(Boards.icebreaker(), 300));
    String m = e.getMessage();
    assertTrue(m.contains("--freq 300 MHz") && m.contains("icebreaker") && m.contains("16..275 MHz")
        && m.contains("--freq 12"), m);
    // Not a number of MHz the PLL could ever make: still a readable message.
    String inf = assertThrows(FlowException.class, () -> CoreClock.forRequest(Boards.icebreaker(),
        Double.POSITIVE_INFINITY)).getMessage();
    assertTrue(inf.contains("--freq Infinity MHz"), inf);
  }

  @Test
  void aBoardClockOutsideThePllsReferenceRangeOffersOnlyTheBoardClock() {
    Board b = Boards.icebreaker();
    Board slow = new Board("slow-board", b.title(), b.part(), b.packageName(), b.packageIo(), b.clock(), 8_000_000L,
        b.signals(), b.pllPads(), b.source());
    String m = assertThrows(FlowException.class, () -> CoreClock.forRequest(slow, 24)).getMessage();
    assertTrue(m.contains("its 8 MHz board clock is outside the iCE40 PLL's 10..133 MHz reference range"), m);
    assertTrue(m.contains("--freq 8") && !m.contains("16..275"), m);
  }
}
