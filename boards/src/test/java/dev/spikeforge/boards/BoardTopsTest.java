package dev.spikeforge.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.hwgen.board.CoreStreamParams;
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
  void aBoardWithoutTheSignalsIsRefused() {
    Board b = Boards.icebreaker();
    Board noUart = new Board("bare", "bare", b.part(), b.packageName(), b.packageIo(), "clk", b.clockHz(),
        List.of(b.signal("clk").orElseThrow()), "test");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BoardTops.uartTop(noUart, CORE, "Core", 0));
    assertTrue(e.getMessage().contains("no signal uart_rx"), e.getMessage());
  }
}
