package dev.spikeforge.boards.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.Boards;
import dev.spikeforge.boards.link.LinkParams;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.hwgen.board.CoreStreamParams;
import dev.spikeforge.hwgen.board.PixelInputParams;
import dev.spikeforge.hwgen.board.SbPll40Params;
import dev.spikeforge.hwgen.board.UartBoardTopParams;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class BoardTopsTest {
  private static final CoreStreamParams CORE = new CoreStreamParams(10, 784, 10, 8);

  @Test
  void clockAndLedPolarityComeFromTheBoard() {
    UartBoardTopParams ice = BoardTops.uartTop(Boards.icebreaker(), CORE, "Core", 7);
    assertTrue(ice.led0ActiveLow() && ice.led1ActiveLow());
    assertEquals(12_000_000L, ice.clockHz());
    assertEquals(1_200_000L, ice.byteTimeoutCycles());
    assertEquals(104, ice.divisor());
    UartBoardTopParams hx = BoardTops.uartTop(Boards.hx8kBreakout(), CORE, "Core", 7);
    assertFalse(hx.led0ActiveLow() || hx.led1ActiveLow());
  }

  @Test
  void aPllClockDrivesTheUartTimingAndPicksThePrimitiveFromTheClockPin() {
    UartBoardTopParams ice = BoardTops.uartTop(Boards.icebreaker(), CoreClock.forRequest(Boards.icebreaker(), 24),
        CORE, "Core", 7);
    assertEquals(24_000_000L, ice.clockHz());
    assertEquals(2_400_000L, ice.byteTimeoutCycles(), "100 ms of the core clock");
    assertEquals(208, ice.divisor());
    SbPll40Params pll = ice.pll().get();
    assertEquals("SB_PLL40_PAD", pll.primitive());
    assertEquals(List.of(0, 63, 5, 1), List.of(pll.divr(), pll.divf(), pll.divq(), pll.filterRange()));
    UartBoardTopParams hx = BoardTops.uartTop(Boards.hx8kBreakout(),
        CoreClock.forRequest(Boards.hx8kBreakout(), 28), CORE, "Core", 7);
    assertEquals(28_125_000L, hx.clockHz(), "the achieved, not the requested frequency");
    assertEquals("SB_PLL40_CORE", hx.pll().get().primitive());
    assertTrue(BoardTops.uartTop(Boards.icebreaker(), CORE, "Core", 7).pll().isEmpty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoardTops.uartTop(
        Boards.hx8kBreakout(), CoreClock.forRequest(Boards.icebreaker(), 24), CORE, "Core", 7));
    assertTrue(e.getMessage().contains("icebreaker"), e.getMessage());
  }

  @Test
  void aBoardWithoutTheSignalsIsRefused() {
    Board b = Boards.icebreaker();
    Board noUart = new Board("bare", "bare", b.part(), b.packageName(), b.packageIo(), "clk", b.clockHz(),
        List.of(b.signal("clk").orElseThrow()), List.of(), "test");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BoardTops.uartTop(noUart, CORE, "Core", 0));
    assertTrue(e.getMessage().contains("no signal uart_rx"), e.getMessage());
  }

  @Test
  void theFastBaudIsTheFastestExactFt2232hRateWithEightClocksPerBit() {
    assertEquals(1_000_000, BoardTops.fastBaud(12_000_000L)); // 3 Mbaud: divisor 4, 2 Mbaud: 6
    assertEquals(2_000_000, BoardTops.fastBaud(15_937_500L)); // divisor 8, 0.39 %
    assertEquals(3_000_000, BoardTops.fastBaud(24_000_000L)); // divisor 8, exact
    assertEquals(2_000_000, BoardTops.fastBaud(28_125_000L)); // 3 Mbaud would be 9 (4.2 % off)
    assertEquals(2_000_000, BoardTops.fastBaud(39_750_000L)); // 3 Mbaud: 13 (1.9 % off)
    assertEquals(3_000_000, BoardTops.fastBaud(48_000_000L));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoardTops.fastBaud(6_000_000L));
    assertTrue(e.getMessage().contains("--freq"), e.getMessage());
  }

  @Test
  void aPixelTopRunsFastWithAFifoForAWholeImageAndReportsItsEncoder() {
    PixelInputParams rate = new PixelInputParams(EncoderSpec.rate(30), 20);
    UartBoardTopParams p = BoardTops.pixelTop(Boards.icebreaker(), CoreClock.forRequest(Boards.icebreaker(), 24),
        CORE, "Core", 7, rate);
    assertEquals(3_000_000, p.baud());
    assertEquals(8, p.divisor());
    assertEquals(1024, p.fifoDepth(), "785 bytes of a PIXELS frame and a credit chunk");
    assertEquals(4, p.linkVersion());
    LinkParams info = LinkParams.of(p);
    assertTrue(info.takesPixels());
    assertEquals(List.of(1, 30, 20), List.of(info.encoder(), info.minIntensity(), info.steps()));
    assertEquals(512, BoardTops.pixelFifoDepth(new CoreStreamParams(7, 100, 10, 8), rate));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PixelInputParams(EncoderSpec.rate32(), 20));
    assertTrue(e.getMessage().contains("rate32") && e.getMessage().contains("no hardware twin"), e.getMessage());
    IllegalArgumentException longLatency = assertThrows(IllegalArgumentException.class,
        () -> new PixelInputParams(EncoderSpec.latency(1), 258));
    assertTrue(longLatency.getMessage().contains("257"), longLatency.getMessage());
    // the frame top of the same board is unchanged: version 2, 115200 baud, no encoder
    UartBoardTopParams frames = BoardTops.uartTop(Boards.icebreaker(), CORE, "Core", 7);
    assertEquals(2, frames.linkVersion());
    assertTrue(frames.pixels().isEmpty());
  }
}
