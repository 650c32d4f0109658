package dev.spikeforge.boards.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.TestTools;
import dev.spikeforge.boards.link.UartLine;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.board.BoardGen;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Twin tests of the UART: the board's UartRx against the host's {@link UartLine#encode} and the
 * board's UartTx against {@link UartLine} (decoded bytes and the exact waveform), in Verilator and
 * Icarus, through the UartEcho diagnostic top with probes on the receiver's output.
 */
@Tag("sim")
class UartTwinSimTest {
  private static final Path WORK = Path.of("target", "sim", "UartTwinSimTest");
  private static final long CLOCK = 12_000_000L;
  private static final int BAUD = 1_000_000; // divisor 12: short simulations, same logic as 115200

  static Stream<Arguments> simulators() {
    return Stream.of(Arguments.of("verilator"), Arguments.of("icarus"));
  }

  static PinSimulator simulator(String name) {
    if (name.equals("verilator")) {
      TestTools.requireVerilator();
      return new VerilatorPinSimulator();
    }
    TestTools.requireIcarus();
    return new IcarusPinSimulator();
  }

  private static final java.util.Map<String, PinSimulator.Build> BUILDS = new java.util.concurrent.ConcurrentHashMap<>();

  /** A fresh session of the echo top (built once per simulator). */
  static PinSession echo(String sim, String tag) {
    PinSimulator simulator = simulator(sim); // checks the tools every time (skip or fail)
    return BUILDS.computeIfAbsent(sim, s -> {
      GeneratedModule m = BoardGen.emitUartEcho("UartEcho", CLOCK, BAUD, true, WORK.resolve("rtl"));
      PinHarness h = new PinHarness(List.of(m.verilog()), m.moduleName(), "clk",
          List.of(new PinHarness.Port("uart_rx", 1, 1)),
          List.of(PinHarness.Port.of("uart_tx", 1), PinHarness.Port.of("led0", 1), PinHarness.Port.of("led1", 1),
              PinHarness.Port.of("probe_rx_valid", 1), PinHarness.Port.of("probe_rx_data", 8),
              PinHarness.Port.of("probe_rx_error", 1)));
      return simulator.compile(h, WORK.resolve(s));
    }).start();
  }

  /** Bytes the receiver delivered (probe_rx_valid pulses) and its framing-error pulses. */
  static List<Integer> received(List<PinSession.Change> changes, List<Long> errors) {
    List<Integer> out = new ArrayList<>();
    long data = 0; // replay in order: a valid pulse takes the data value current at its cycle
    for (PinSession.Change c : changes) {
      switch (c.port()) {
        case "probe_rx_data" -> data = c.value();
        case "probe_rx_valid" -> {
          if (c.value() == 1) {
            out.add((int) data);
          }
        }
        case "probe_rx_error" -> {
          if (c.value() == 1) {
            errors.add(c.cycle());
          }
        }
        default -> { }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("simulators")
  void receiverAndTransmitterMatchTheHostTwinCycleForCycle(String sim) {
    int divisor = BoardGen.uartDivisor(CLOCK, BAUD);
    byte[] bytes = new byte[64];
    new SplittableRandom(7).nextBytes(bytes);
    bytes[0] = 0;
    bytes[1] = (byte) 0xFF;
    bytes[2] = 0x55;
    try (SimulatedSerialLink link = SimulatedSerialLink.exact(echo(sim, "exact"), CLOCK, divisor)) {
      link.advance(40); // power-on reset
      link.write(bytes);
      link.advance(link.cycle() + (bytes.length + 4) * 10L * divisor);
      byte[] back = new byte[bytes.length + 1];
      int n = link.read(back, java.time.Duration.ZERO);
      // RX twin: the receiver delivered exactly the bytes the host encoded
      List<Long> errors = new ArrayList<>();
      List<Integer> rx = received(link.otherChanges(), errors);
      assertEquals(toList(bytes), rx, sim + ": bytes seen by UartRx");
      assertTrue(errors.isEmpty(), sim + ": framing errors at " + errors);
      // TX twin: decoded back, and the waveform is exactly UartLine.encode of those bytes, frame by frame
      assertEquals(bytes.length, n, sim + ": bytes echoed");
      assertEquals(toList(bytes), toList(java.util.Arrays.copyOf(back, n)));
      assertTxWaveformExact(link.txTransitions(), bytes, divisor, sim);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("simulators")
  void receiverToleratesHostsThatAreOffByAFewPercentAndPauses(String sim) {
    int divisor = BoardGen.uartDivisor(CLOCK, BAUD);
    SplittableRandom rnd = new SplittableRandom(11);
    for (double factor : new double[] {0.97, 1.03}) {
      byte[] bytes = new byte[24];
      rnd.nextBytes(bytes);
      String tag = "off" + Math.round(factor * 100);
      try (SimulatedSerialLink link = new SimulatedSerialLink(echo(sim, tag), CLOCK, divisor, divisor * factor,
          1.5, 100_000)) {
        link.advance(40);
        link.write(bytes);
        link.advance(link.cycle() + (bytes.length + 4) * 12L * divisor);
        List<Long> errors = new ArrayList<>();
        assertEquals(toList(bytes), received(link.otherChanges(), errors), sim + " host bit x" + factor);
        assertTrue(errors.isEmpty());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("simulators")
  void aMissingStopBitIsAFramingErrorAndTheNextByteStillArrives(String sim) {
    int divisor = BoardGen.uartDivisor(CLOCK, BAUD);
    try (PinSession s = echo(sim, "break")) {
      s.runUntil(40);
      // 0x00 with its stop bit held low for 3 more bits (a "break"), then high, then a good 0xA5
      List<PinSession.Change> changes = new ArrayList<>();
      long t = 100;
      changes.addAll(s.runUntil(t));
      s.drive("uart_rx", 0);
      changes.addAll(s.runUntil(t + 13L * divisor));
      s.drive("uart_rx", 1);
      long next = t + 15L * divisor;
      changes.addAll(s.runUntil(next));
      for (UartLine.Transition tr : UartLine.encode(new byte[] {(byte) 0xA5}, next, divisor, 0)) {
        changes.addAll(s.runUntil(tr.cycle()));
        s.drive("uart_rx", tr.level());
      }
      changes.addAll(s.runUntil(next + 12L * divisor));
      List<Long> errors = new ArrayList<>();
      assertEquals(List.of(0xA5), received(changes, errors), sim);
      assertEquals(1, errors.size(), sim + ": one framing error");
    }
  }

  /** Each echoed frame's transitions lie exactly on multiples of the divisor from its start edge. */
  static void assertTxWaveformExact(List<UartLine.Transition> tx, byte[] bytes, int divisor, String sim) {
    UartLine.Decoder d = new UartLine.Decoder(divisor);
    tx.forEach(d::add);
    List<UartLine.Received> frames = d.advance(Long.MAX_VALUE / 2);
    assertEquals(bytes.length, frames.size(), sim);
    List<UartLine.Transition> expected = new ArrayList<>();
    for (UartLine.Received r : frames) {
      expected.addAll(UartLine.encode(new byte[] {(byte) r.value()}, r.startCycle(), divisor, 0));
    }
    List<UartLine.Transition> actual = tx.stream().filter(t -> !(t.level() == 1 && t == tx.get(0))).toList();
    // merge: the twin's per-frame lists end high; consecutive frames may join the stop and next start
    assertEquals(merge(expected), merge(actual), sim + ": TX waveform");
  }

  static List<UartLine.Transition> merge(List<UartLine.Transition> ts) {
    List<UartLine.Transition> out = new ArrayList<>();
    for (UartLine.Transition t : ts) {
      if (!out.isEmpty() && out.get(out.size() - 1).cycle() == t.cycle()) {
        out.remove(out.size() - 1);
      }
      if (out.isEmpty() ? t.level() != 1 : out.get(out.size() - 1).level() != t.level()) {
        out.add(t);
      }
    }
    return out;
  }

  static List<Integer> toList(byte[] b) {
    List<Integer> out = new ArrayList<>();
    for (byte x : b) {
      out.add(x & 0xFF);
    }
    return out;
  }
}
