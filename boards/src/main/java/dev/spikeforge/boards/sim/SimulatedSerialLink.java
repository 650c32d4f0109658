package dev.spikeforge.boards.sim;

import dev.spikeforge.boards.link.LinkException;
import dev.spikeforge.boards.link.SerialLink;
import dev.spikeforge.boards.link.UartLine;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A {@link SerialLink} to a simulated board: bytes written become the UART waveform on the board
 * top's {@code uart_rx} ({@link UartLine#encode}, the host's twin of the board's receiver), and
 * the board's {@code uart_tx} waveform is decoded back into bytes ({@link UartLine.Decoder}). So
 * {@link dev.spikeforge.boards.link.BoardClient} runs unchanged against RTL in Verilator or Icarus.
 *
 * <p>Time is simulated time: a read waits at most its timeout in board clock cycles, and never more
 * than {@code maxReadCycles} (a 2 s timeout would otherwise cost 24 million simulated cycles).
 * Changes of the other watched outputs (LEDs, probes) are kept for tests ({@link #otherChanges()}).
 */
public final class SimulatedSerialLink implements SerialLink {
  private final PinSession session;
  private final long clockHz;
  private final double hostBitCycles;
  private final double idleBits;
  private final long maxReadCycles;
  private final String rxPort;
  private final String txPort;
  private final UartLine.Decoder decoder;
  private final Deque<UartLine.Transition> pending = new ArrayDeque<>();
  private final Deque<Byte> received = new ArrayDeque<>();
  private final List<PinSession.Change> others = new ArrayList<>();
  private final List<UartLine.Transition> txLine = new ArrayList<>();
  private long lineFree; // first cycle at which the host may start another frame on uart_rx

  /**
   * @param session       a running simulation of a board top with ports {@code uart_rx} (driven, idle 1)
   *                      and {@code uart_tx} (watched)
   * @param clockHz       the board clock
   * @param divisor       the board's cycles per bit ({@code BoardGen.uartDivisor})
   * @param hostBitCycles cycles per bit of the simulated host (= divisor, or off by a few % to test
   *                      tolerance)
   * @param idleBits      idle bit periods the host leaves between bytes
   * @param maxReadCycles most cycles one read may simulate
   */
  public SimulatedSerialLink(PinSession session, long clockHz, int divisor, double hostBitCycles, double idleBits,
      long maxReadCycles) {
    this.session = session;
    this.clockHz = clockHz;
    this.hostBitCycles = hostBitCycles;
    this.idleBits = idleBits;
    this.maxReadCycles = maxReadCycles;
    this.rxPort = "uart_rx";
    this.txPort = "uart_tx";
    this.decoder = new UartLine.Decoder(divisor);
  }

  /** A link with an exact host bit period, no idle time between bytes, reads of at most 200 frames. */
  public static SimulatedSerialLink exact(PinSession session, long clockHz, int divisor) {
    return new SimulatedSerialLink(session, clockHz, divisor, divisor, 0, 2000L * divisor);
  }

  @Override
  public void write(byte[] data) {
    long start = Math.max(lineFree, Math.max(session.cycle(), lastPendingCycle() + 1));
    pending.addAll(UartLine.encode(data, start, hostBitCycles, idleBits));
    lineFree = UartLine.endCycle(data.length, start, hostBitCycles, idleBits);
  }

  @Override
  public int read(byte[] buffer, Duration timeout) {
    long budget = Math.min(maxReadCycles, Math.max(1, timeout.toNanos() * clockHz / 1_000_000_000L));
    long deadline = session.cycle() + budget;
    long chunk = Math.max(64, Math.round(20 * hostBitCycles)); // two frames
    while (received.isEmpty() && session.cycle() < deadline) {
      advance(Math.min(deadline, session.cycle() + chunk));
    }
    int n = 0;
    while (n < buffer.length && !received.isEmpty()) {
      buffer[n++] = received.poll();
    }
    return n;
  }

  /** Simulates until {@code cycle}, applying the host's waveform and decoding the board's. */
  public void advance(long cycle) {
    while (!pending.isEmpty() && pending.peek().cycle() < cycle) {
      UartLine.Transition t = pending.poll();
      collect(session.runUntil(Math.max(session.cycle(), t.cycle())));
      session.drive(rxPort, t.level());
    }
    collect(session.runUntil(cycle));
    for (UartLine.Received r : decoder.advance(session.cycle())) {
      if (r.framingError()) {
        throw new LinkException("framing error on the simulated board's " + txPort + " at cycle " + r.startCycle()
            + ": the board's transmitter broke the 8N1 format");
      }
      received.add((byte) r.value());
    }
  }

  /** Edges simulated so far. */
  public long cycle() {
    return session.cycle();
  }

  /** Every change of {@code uart_tx} so far (for cycle-exact checks of the transmitter). */
  public List<UartLine.Transition> txTransitions() {
    return List.copyOf(txLine);
  }

  /** Changes of the watched outputs other than {@code uart_tx}, in order. */
  public List<PinSession.Change> otherChanges() {
    return List.copyOf(others);
  }

  @Override
  public String describe() {
    return "a simulated board (" + clockHz + " Hz clock, " + hostBitCycles + " cycles per bit)";
  }

  @Override
  public void close() {
    session.close();
  }

  private void collect(List<PinSession.Change> changes) {
    for (PinSession.Change c : changes) {
      if (c.port().equals(txPort)) {
        // a change after edge n is on the line from cycle n + 1 (the edge the board samples it at)
        UartLine.Transition t = new UartLine.Transition(c.cycle() + 1, (int) c.value());
        if (txLine.isEmpty() || txLine.get(txLine.size() - 1).level() != t.level()) {
          txLine.add(t);
          decoder.add(t);
        }
      } else {
        others.add(c);
      }
    }
  }

  private long lastPendingCycle() {
    return pending.isEmpty() ? -1 : pending.peekLast().cycle();
  }
}
