package dev.spikeforge.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.BoardSignal.Direction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class PcfTest {
  private static final List<Pcf.TopPort> UART_TOP = List.of(
      new Pcf.TopPort("clk", 1, Direction.IN), new Pcf.TopPort("uart_rx", 1, Direction.IN),
      new Pcf.TopPort("uart_tx", 1, Direction.OUT), new Pcf.TopPort("led0", 1, Direction.OUT),
      new Pcf.TopPort("led1", 1, Direction.OUT));

  @Test
  void everyPortGoesToTheBoardSignalOfItsName() {
    String pcf = Pcf.generate(Boards.icebreaker(), "Top", UART_TOP, Map.of());
    List<String> lines = pcf.lines().filter(l -> l.startsWith("set_io")).map(l -> l.replaceAll("\\s+#.*", "")).toList();
    assertEquals(List.of("set_io clk 35", "set_io uart_rx 6", "set_io uart_tx 9", "set_io led0 37", "set_io led1 11"),
        lines);
    String hx = Pcf.generate(Boards.hx8kBreakout(), "Top", UART_TOP, Map.of());
    assertTrue(hx.contains("set_io clk J3") && hx.contains("set_io uart_rx B10") && hx.contains("set_io uart_tx B12"), hx);
  }

  @Test
  void aPinMapRenamesPorts() {
    List<Pcf.TopPort> scan = List.of(new Pcf.TopPort("clk", 1, Direction.IN),
        new Pcf.TopPort("scan_in", 1, Direction.IN), new Pcf.TopPort("scan_out", 1, Direction.OUT));
    String pcf = Pcf.generate(Boards.icebreaker(), "W", scan, Map.of("scan_in", "uart_rx", "scan_out", "uart_tx"));
    assertTrue(pcf.contains("set_io scan_in 6") && pcf.contains("set_io scan_out 9"), pcf);
  }

  @Test
  void aPortWithoutAPinIsNamedWithTheBoardsSignals() {
    List<Pcf.TopPort> ports = List.of(new Pcf.TopPort("clk", 1, Direction.IN), new Pcf.TopPort("spike_out", 1,
        Direction.OUT));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Pcf.generate(Boards.hx8kBreakout(), "Top", ports, Map.of()));
    assertTrue(e.getMessage().contains("spike_out") && e.getMessage().contains("led7"), e.getMessage());
  }

  @Test
  void directionsAndWidthsMustFit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pcf.generate(Boards.icebreaker(),
        "Top", List.of(new Pcf.TopPort("uart_tx", 1, Direction.IN)), Map.of()));
    assertTrue(e.getMessage().contains("uart_tx") && e.getMessage().contains("input"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Pcf.generate(Boards.icebreaker(), "Top",
        List.of(new Pcf.TopPort("led0", 4, Direction.OUT)), Map.of()));
    assertTrue(e.getMessage().contains("4 bits"), e.getMessage());
  }
}
