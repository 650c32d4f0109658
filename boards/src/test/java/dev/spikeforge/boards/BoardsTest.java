package dev.spikeforge.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class BoardsTest {

  @Test
  void icebreakerHasTheSchematicsPins() {
    Board b = Boards.icebreaker();
    assertEquals("iCE40UP5K", b.part().name());
    assertEquals("sg48", b.packageName());
    assertEquals(12_000_000L, b.clockHz());
    assertEquals("35", b.signal("clk").orElseThrow().pin());
    assertEquals("6", b.signal("uart_rx").orElseThrow().pin());
    assertEquals("9", b.signal("uart_tx").orElseThrow().pin());
    assertEquals(BoardSignal.Direction.IN, b.signal("uart_rx").orElseThrow().direction());
    assertTrue(b.signal("led0").orElseThrow().activeLow(), "the iCEBreaker's LEDG_N lights at 0");
    assertTrue(b.signal("led1").orElseThrow().activeLow());
    assertFalse(b.signal("led2").orElseThrow().activeLow(), "the snap-off LEDs are active high");
    assertEquals(39, b.packageIo());
  }

  @Test
  void onlyTheIcebreakersClockArrivesOnAPllPad() {
    // icestorm chipdb-5k.txt / chipdb-8k.txt: the PLLs' pads are sg48 pin 35 and ct256 R9, F7
    assertEquals(List.of("35"), Boards.icebreaker().pllPads());
    assertTrue(Boards.icebreaker().clockOnPllPad());
    assertEquals(List.of("R9", "F7"), Boards.hx8kBreakout().pllPads());
    assertFalse(Boards.hx8kBreakout().clockOnPllPad(), "the HX8K breakout's oscillator is on J3");
  }

  @Test
  void hx8kBreakoutHasItsPins() {
    Board b = Boards.hx8kBreakout();
    assertEquals("iCE40HX8K", b.part().name());
    assertEquals("ct256", b.packageName());
    assertEquals("J3", b.signal("clk").orElseThrow().pin());
    assertEquals("B10", b.signal("uart_rx").orElseThrow().pin());
    assertEquals("B12", b.signal("uart_tx").orElseThrow().pin());
    assertEquals("B5", b.signal("led0").orElseThrow().pin());
    assertEquals("C3", b.signal("led7").orElseThrow().pin());
    assertFalse(b.signal("led0").orElseThrow().activeLow());
  }

  @Test
  void partCapacitiesAreTheDataSheets() {
    Part up5k = Boards.part("iCE40UP5K");
    assertEquals(5280, up5k.luts());
    assertEquals(30, up5k.blockRams());
    assertEquals(4096, up5k.blockRamBits());
    assertEquals(4, up5k.sprams());
    assertEquals(262_144, up5k.spramBits());
    assertEquals(8, up5k.dsps());
    assertEquals("up5k", up5k.nextpnrDevice());
    Part hx8k = Boards.part("ice40hx8k");
    assertEquals(7680, hx8k.luts());
    assertEquals(32, hx8k.blockRams());
    assertEquals(0, hx8k.dsps());
    Part ecp5 = Boards.part("LFE5U-25F");
    assertEquals(Family.ECP5, ecp5.family());
    assertFalse(ecp5.hasOpenPlaceAndRoute());
    Part a7 = Boards.part("XC7A35T");
    assertEquals(6, a7.lutInputs());
    assertEquals(20_800, a7.luts());
    assertEquals(41_600, a7.flipFlops());
    assertEquals(90, a7.dsps());
  }

  @Test
  void unknownNamesListWhatExists() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Boards.bundled("tinyfpga"));
    assertTrue(e.getMessage().contains("icebreaker, hx8k-breakout"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Boards.part("XC7K325T"));
    assertTrue(e.getMessage().contains("iCE40UP5K"), e.getMessage());
  }

  @Test
  void aUserBoardFileLoadsAndEveryMistakeNamesItsField(@TempDir Path dir) throws IOException {
    String good = """
        {"name": "my-board", "title": "My board", "part": "iCE40UP5K", "package": "sg48", "packageIo": 39,
         "clock": "clk", "clockHz": 48000000, "source": "my schematic",
         "signals": [
           {"name": "clk", "pin": "35", "direction": "in", "activeLow": false, "description": "oscillator"},
           {"name": "uart_tx", "pin": "9", "direction": "out", "activeLow": false, "description": "serial out"}]}
        """;
    Path f = dir.resolve("my-board.json");
    Files.writeString(f, good);
    Board b = Boards.byNameOrFile(f.toString());
    assertEquals(48.0, b.clockMhz());
    assertEquals(2, b.signals().size());
    assertEquals(List.of(), b.pllPads(), "pllPads is optional");
    assertFalse(b.clockOnPllPad());
    assertTrue(Boards.byNameOrFile(Files.writeString(dir.resolve("pad.json"),
        good.replace("\"source\"", "\"pllPads\": [\"35\"], \"source\"")).toString()).clockOnPllPad());

    assertField(dir, good.replace("\"packageIo\": 39", "\"packageIo\": 39, \"color\": \"red\""), "board.color");
    assertField(dir, good.replace("\"pin\": \"9\"", "\"pin\": \"35\""), "signals.uart_tx.pin");
    assertField(dir, good.replace("\"clock\": \"clk\"", "\"clock\": \"osc\""), "clock");
    assertField(dir, good.replace("\"iCE40UP5K\"", "\"iCE40UP9K\""), "board.part");
    assertField(dir, good.replace("\"direction\": \"out\"", "\"direction\": \"output\""), "board.signals[1].direction");
    assertField(dir, good.replace("\"clockHz\": 48000000,", ""), "board.clockHz");
    assertField(dir, good.replace("\"name\": \"uart_tx\"", "\"name\": \"uart tx\""), "signals[].name");
    assertField(dir, good.replace("\"source\"", "\"pllPads\": \"35\", \"source\""), "board.pllPads");
    assertField(dir, good.replace("\"source\"", "\"pllPads\": [35], \"source\""), "board.pllPads[0]");
    assertField(dir, good.replace("\"source\"", "\"pllPads\": [\"35\", \"35\"], \"source\""), "pllPads");
    assertField(dir, "{ nope", "my-bad.json");
  }

  private static void assertField(Path dir, String json, String field) throws IOException {
    Path f = dir.resolve("my-bad.json");
    Files.writeString(f, json);
    BoardFormatException e = assertThrows(BoardFormatException.class, () -> Boards.load(f));
    assertTrue(e.getMessage().contains(field), "expected the message to name " + field + ": " + e.getMessage());
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
  }
}
