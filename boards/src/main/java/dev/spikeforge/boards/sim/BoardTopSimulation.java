package dev.spikeforge.boards.sim;

import dev.spikeforge.boards.flow.BoardTops;
import dev.spikeforge.boards.link.BoardClient;
import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.board.BoardGen;
import dev.spikeforge.hwgen.board.CoreStreamParams;
import dev.spikeforge.hwgen.board.CoreTraceParams;
import dev.spikeforge.hwgen.board.PixelInputParams;
import dev.spikeforge.hwgen.board.UartBoardTopParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A compiled core's board top simulated at its pins, with {@link BoardClient} connected over {@link
 * SimulatedSerialLink} at the real bit timing: what {@code spikeforge board simulate} and the link benchmark run.
 * The top is the one {@code spikeforge bitstream} builds ({@link BoardTops#uartTop} for spike frames, {@link
 * BoardTops#pixelTop} for pixels), run directly at the core clock {@code clockHz} (the PLL's simulation model
 * passes its reference through, so a PLL would change nothing here), with the core's trace port declared for the
 * simulators' lint. SPRAM weights (which start unknown) are loaded with LOAD frames before anything else.
 *
 * @param client    connected to the simulated board
 * @param link      the simulated line (its {@link SimulatedSerialLink#cycle()} is simulated time)
 * @param top       the top's parameters
 * @param loadCycles cycles the LOAD of the SPRAM weights took (0 without SPRAM)
 */
public record BoardTopSimulation(BoardClient client, SimulatedSerialLink link, UartBoardTopParams top,
    long loadCycles) implements AutoCloseable {

  /** The client's timeout, in simulated time. */
  static final long TIMEOUT_MS = 200;

  /** How the host feeds the board. */
  public enum Input {
    /** One SPARSE or BITMAP frame per time step, coded on the host (link versions 2 and 3). */
    SPIKES,
    /** One PIXELS frame per image, coded on chip (link version 4). */
    PIXELS
  }

  /**
   * Generates the top around {@code b}'s core, builds it in {@code sim} under {@code workDir} and connects.
   *
   * @param baud the link's baud rate; 0 = the top's default ({@link BoardTops#DEFAULT_BAUD} for spike frames,
   *             {@link BoardTops#fastBaud} for pixels)
   */
  public static BoardTopSimulation start(BuildDirectory.Loaded b, Input input, long clockHz, int baud,
      PinSimulator sim, Path workDir) {
    HwCore core = b.core();
    CoreStreamParams stream = BoardClient.loadParams(core);
    if (!core.learns()) {
      stream = stream.withTrace(new CoreTraceParams(core.layerWidth(), core.neuronWidth(), core.traceLanes(),
          core.traceMembraneWidth()));
    }
    long designId = Long.parseLong(b.networkHash().substring(0, 8), 16);
    long timeout = clockHz * BoardTops.DEFAULT_TIMEOUT_MS / 1000;
    UartBoardTopParams top;
    if (input == Input.PIXELS) {
      PixelInputParams px = new PixelInputParams(b.network().encoder(), b.network().timesteps());
      int fifo = BoardTops.pixelFifoDepth(stream, px);
      top = new UartBoardTopParams(BoardTops.UART_TOP_NAME, clockHz, baud > 0 ? baud : BoardTops.fastBaud(clockHz),
          stream, HwCore.TOP, fifo, BoardTops.DEFAULT_CREDIT_CHUNK, timeout, designId, true, true, false)
          .withPixels(px);
    } else {
      top = new UartBoardTopParams(BoardTops.UART_TOP_NAME, clockHz, baud > 0 ? baud : BoardTops.DEFAULT_BAUD, stream,
          HwCore.TOP, BoardTops.DEFAULT_FIFO_DEPTH, BoardTops.DEFAULT_CREDIT_CHUNK, timeout, designId, true, true,
          false);
    }
    Path work = workDir.resolve(sim.name() + "-" + input.name().toLowerCase(java.util.Locale.ROOT));
    try {
      Path rtl = work.resolve("rtl");
      GeneratedModule t = BoardGen.emitUartBoardTop(top, rtl);
      PinHarness h = new PinHarness(List.of(t.verilog(), b.dir().resolve("rtl").resolve(HwCore.TOP + ".sv")),
          t.moduleName(), "clk", List.of(new PinHarness.Port("uart_rx", 1, 1)),
          List.of(PinHarness.Port.of("uart_tx", 1)));
      Path simDir = work.resolve("sim");
      Files.createDirectories(simDir.resolve(HwCore.MEM_DIR));
      try (Stream<Path> s = Files.list(b.dir().resolve(HwCore.MEM_DIR))) {
        for (Path p : s.toList()) {
          Files.copy(p, simDir.resolve(HwCore.MEM_DIR).resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      // a read may wait the client's whole timeout in simulated time (a large core takes 10^5 clocks an image)
      int divisor = BoardGen.uartDivisor(clockHz, top.baud());
      SimulatedSerialLink link = new SimulatedSerialLink(sim.compile(h, simDir).start(), clockHz, divisor, divisor, 0,
          clockHz * TIMEOUT_MS / 1000);
      BoardClient client = BoardClient.connect(link, Duration.ofMillis(TIMEOUT_MS));
      long loadCycles = 0;
      if (BoardClient.needsLoad(core)) { // SPRAM images; every image of a three-factor core
        long before = link.cycle();
        client.loadAfterProgramming(b.dir(), core);
        loadCycles = link.cycle() - before;
      }
      return new BoardTopSimulation(client, link, top, loadCycles);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the board-top simulation in " + work, e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
