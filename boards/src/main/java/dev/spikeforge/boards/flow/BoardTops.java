package dev.spikeforge.boards.flow;

import dev.spikeforge.boards.Board;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.board.BoardGen;
import dev.spikeforge.hwgen.board.CoreStreamParams;
import dev.spikeforge.hwgen.board.LinkProtocol;
import dev.spikeforge.hwgen.board.PixelInputParams;
import dev.spikeforge.hwgen.board.SbPll40Params;
import dev.spikeforge.hwgen.board.UartBoardTopParams;
import java.nio.file.Path;

/**
 * Board top-levels for a board description: the clock and LED polarities come from the board, the
 * rest from spikeforge's defaults. The usual bitstream build is
 * <pre>{@code
 *   // the core generator writes <rtl>/<coreModule>.sv with the stream interface of CoreStreamIO
 *   UartBoardTopParams p = BoardTops.uartTop(board, core, coreModule, designId);
 *   BoardTops.emit(p, rtl);
 *   FlowResult r = BitstreamFlow.run(rtl, p.name(), board, buildDir, FlowOptions.defaults());
 * }</pre>
 * and the host then talks to it with {@code BoardClient} at {@link #DEFAULT_BAUD}.
 */
public final class BoardTops {
  /** Module name of the UART board top. */
  public static final String UART_TOP_NAME = "SpikeforgeUartTop";
  /** Baud rate of the serial link (FTDI bridges of both bundled boards handle it). */
  public static final int DEFAULT_BAUD = 115_200;
  /** Receive FIFO bytes: one iCE40 block RAM. */
  public static final int DEFAULT_FIFO_DEPTH = 512;
  /** Bytes per CREDIT frame. */
  public static final int DEFAULT_CREDIT_CHUNK = 64;
  /** Silence inside a frame after which the board drops it and resets the core, in ms. */
  public static final int DEFAULT_TIMEOUT_MS = 100;
  /**
   * Baud rates of a pixel-input top, fastest first: what the iCEBreaker's FT2232H makes exactly from its
   * 3 MHz baud clock (3 MHz / n for n = 1, 1.5, 3).
   */
  public static final int[] FAST_BAUDS = {3_000_000, 2_000_000, 1_000_000};
  /** Fewest clock cycles per bit a fast link is run at (the receiver's sampling margin: docs/hardware.md). */
  public static final int FAST_MIN_DIVISOR = 8;
  /** Largest divisor rounding error of a fast link (the FT2232H's side is exact). */
  public static final double FAST_MAX_ERROR = 0.01;

  private BoardTops() {}

  /**
   * The UART top's parameters on {@code board}, running on the board clock.
   *
   * @see #uartTop(Board, CoreClock, CoreStreamParams, String, long)
   */
  public static UartBoardTopParams uartTop(Board board, CoreStreamParams core, String coreModule, long designId) {
    return uartTop(board, CoreClock.ofBoard(board), core, coreModule, designId);
  }

  /**
   * The UART top's parameters on {@code board}, running on {@code clock}: with a PLL, the board
   * clock feeds {@code SB_PLL40_PAD} when it arrives on a PLL pad ({@link Board#clockOnPllPad()}),
   * else {@code SB_PLL40_CORE}, and the UART divisor and frame timeout count the PLL's achieved
   * output.
   *
   * @param designId 32-bit identifier reported by INFO (e.g. the first 8 hex digits of a build's
   *                 content hash), so the host can check it talks to the bitstream it expects
   * @throws IllegalArgumentException if the board lacks {@code uart_rx}, {@code uart_tx},
   *                                  {@code led0} or {@code led1}, or a parameter is out of range
   */
  public static UartBoardTopParams uartTop(Board board, CoreClock clock, CoreStreamParams core, String coreModule,
      long designId) {
    if (!clock.board().equals(board.name()) || clock.boardHz() != board.clockHz()
        || clock.clockOnPllPad() != board.clockOnPllPad()) {
      throw new IllegalArgumentException("the core clock was made for board " + clock.board() + " at "
          + clock.boardHz() + " Hz, not for " + board.name() + " at " + board.clockHz() + " Hz");
    }
    for (String s : new String[] {"uart_rx", "uart_tx", "led0", "led1"}) {
      if (board.signal(s).isEmpty()) {
        throw new IllegalArgumentException("board " + board.name() + " has no signal " + s
            + ", which the UART board top needs (uart_rx, uart_tx, led0, led1)");
      }
    }
    if (!board.clock().equals("clk")) {
      throw new IllegalArgumentException("board " + board.name() + ": the UART board top's clock port is clk, "
          + "but the board's clock signal is " + board.clock());
    }
    long hz = clock.coreHz();
    scala.Option<SbPll40Params> pll = clock.pllCell().map(scala.Option::apply).orElse(scala.Option.empty());
    return new UartBoardTopParams(UART_TOP_NAME, hz, DEFAULT_BAUD, core, coreModule, DEFAULT_FIFO_DEPTH,
        DEFAULT_CREDIT_CHUNK, hz * DEFAULT_TIMEOUT_MS / 1000, designId,
        board.signal("led0").orElseThrow().activeLow(), board.signal("led1").orElseThrow().activeLow(), false, pll);
  }

  /**
   * The pixel-input top (link version 4) on {@code board} at {@code clock}: the UART top's parameters with
   * PIXELS frames encoded on chip by {@code pixels} (the network's encoder and T), at {@link #fastBaud} and with a
   * receive FIFO that holds a whole PIXELS frame and more (a power of two, at least {@link #DEFAULT_FIFO_DEPTH}), so
   * the next image streams in while one is encoded.
   *
   * @throws IllegalArgumentException as {@link #uartTop}, or if the clock makes no fast baud rate, or the core
   *                                  learns
   */
  public static UartBoardTopParams pixelTop(Board board, CoreClock clock, CoreStreamParams core, String coreModule,
      long designId, PixelInputParams pixels) {
    UartBoardTopParams p = uartTop(board, clock, core, coreModule, designId);
    return new UartBoardTopParams(p.name(), p.clockHz(), fastBaud(p.clockHz()), core, coreModule,
        pixelFifoDepth(core, pixels),
        p.creditChunk(), p.byteTimeoutCycles(), designId, p.led0ActiveLow(), p.led1ActiveLow(), false, p.pll())
        .withPixels(pixels);
  }

  /**
   * The receive FIFO of a pixel-input top: the smallest power of two, at least {@link #DEFAULT_FIFO_DEPTH}, that
   * holds a whole PIXELS frame and one credit chunk more (784 inputs: 1,024 bytes, two iCE40 block RAMs).
   */
  public static int pixelFifoDepth(CoreStreamParams core, PixelInputParams pixels) {
    int frame = LinkProtocol.pixels(core, pixels).frameBytes() - 1 + core.inputs(); // the pixel field repeats
    int fifo = DEFAULT_FIFO_DEPTH;
    while (fifo < frame + DEFAULT_CREDIT_CHUNK) {
      fifo *= 2;
    }
    return fifo;
  }

  /**
   * The fastest of {@link #FAST_BAUDS} a {@code clockHz} clock makes with at least {@link #FAST_MIN_DIVISOR}
   * cycles per bit and at most {@link #FAST_MAX_ERROR} rounding error: 12 MHz → 1 Mbaud (divisor 12), 16 MHz →
   * 2 Mbaud (8), 24 MHz → 3 Mbaud (8), 48 MHz → 3 Mbaud (16).
   *
   * @throws IllegalArgumentException naming the clock if none qualifies
   */
  public static int fastBaud(long clockHz) {
    for (int baud : FAST_BAUDS) {
      long d = (2 * clockHz + baud) / (2L * baud);
      double error = Math.abs((double) clockHz / d - baud) / baud;
      if (d >= FAST_MIN_DIVISOR && error <= FAST_MAX_ERROR) {
        return baud;
      }
    }
    throw new IllegalArgumentException("a " + clockHz + " Hz clock makes none of 3, 2, 1 Mbaud with at least "
        + FAST_MIN_DIVISOR + " cycles per bit and at most 1 % error; choose another --freq (e.g. 24 or 48 MHz)");
  }

  /** Writes {@code <rtl>/<p.name>.sv}; the core's file must be put next to it. */
  public static GeneratedModule emit(UartBoardTopParams p, Path rtl) {
    return BoardGen.emitUartBoardTop(p, rtl);
  }
}
