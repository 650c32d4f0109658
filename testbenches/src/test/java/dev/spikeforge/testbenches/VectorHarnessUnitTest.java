package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.simkit.SimulationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the vector harnesses that need no simulator. */
@Tag("unit")
class VectorHarnessUnitTest {
  private static final VectorHarness H = new VectorHarness(Path.of("dut.sv"), "dut",
      List.of(new Port("a", 8, true), new Port("b", 3, false)),
      List.of(new Port("y", 8, true), new Port("flag", 1, false)));

  @Test
  void portsConvertBetweenValuesAndBits() {
    Port s8 = new Port("s", 8, true);
    assertEquals(0xfdL, s8.toBits(-3));
    assertEquals(-3, s8.fromBits(0xfd));
    assertEquals("-3 (11111101)", s8.describe(-3));
    assertTrue(s8.fits(-128) && s8.fits(127));
    assertFalse(s8.fits(128) || s8.fits(-129));
    Port u3 = new Port("u", 3, false);
    assertEquals(7, u3.fromBits(0xf));
    assertFalse(u3.fits(-1) || u3.fits(8));
    Port q = new Port("q", 64, true);
    assertEquals(Long.MIN_VALUE, q.fromBits(Long.MIN_VALUE));
    assertThrows(IllegalArgumentException.class, () -> new Port("q", 65, false));
    assertThrows(IllegalArgumentException.class, () -> new Port("not a name", 1, false));
  }

  @Test
  void vectorFilesRoundTripSignedAndUnsignedValues(@TempDir Path dir) throws IOException {
    long[][] rows = {{-128, 7}, {127, 0}, {-1, 5}};
    Path f = dir.resolve("v.hex");
    VectorFiles.write(f, H.inputs(), rows);
    assertEquals("80 7\n7f 0\nff 5\n", Files.readString(f));
    assertArrayEquals(rows, VectorFiles.read(f, H.inputs(), 3, "test"));
  }

  @Test
  void vectorFilesRejectBadValuesAndBadResults(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("v.hex");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VectorFiles.write(f, H.inputs(), new long[][] {{0, 8}}));
    assertTrue(e.getMessage().contains("vector 0, port b: value 8 does not fit unsigned 3 bits"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> VectorFiles.write(f, H.inputs(), new long[][] {{0}}));
    assertTrue(e.getMessage().contains("vector 0 has 1 values"), e.getMessage());

    Files.writeString(f, "01 0\nxx 1\n");
    SimulationException x = assertThrows(SimulationException.class, () -> VectorFiles.read(f, H.outputs(), 2, "sim"));
    assertTrue(x.getMessage().contains("output y of vector 1 is X"), x.getMessage());
    Files.writeString(f, "01 0\n");
    x = assertThrows(SimulationException.class, () -> VectorFiles.read(f, H.outputs(), 2, "sim"));
    assertTrue(x.getMessage().contains("wrote 1 result rows for 2 vectors"), x.getMessage());
    Files.writeString(f, "01\n");
    x = assertThrows(SimulationException.class, () -> VectorFiles.read(f, H.outputs(), 1, "sim"));
    assertTrue(x.getMessage().contains("has 1 fields; expected 2"), x.getMessage());
  }

  /** A corrupted output must be reported, with every field of the vector in decimal and bits. */
  @Test
  void comparisonReportsTheFirstCorruptedVector() {
    long[][] in = {{1, 2}, {-5, 3}, {6, 7}};
    long[][] expected = {{1, 0}, {-5, 1}, {6, 0}};
    long[][] actual = {{1, 0}, {-6, 1}, {6, 1}};
    assertTrue(VectorComparison.firstMismatch("sim", H, in, expected, expected).isEmpty());
    Optional<VectorMismatch> m = VectorComparison.firstMismatch("sim", H, in, expected, actual);
    assertTrue(m.isPresent());
    assertEquals(1, m.get().index());
    assertEquals(2, m.get().mismatchCount());
    assertEquals(List.of("y"), m.get().differingOutputs());
    assertEquals(String.join("\n",
        "sim: 2 of 3 vectors differ from the expected outputs; first at vector 1",
        "  inputs:",
        "    a    = -5 (11111011)",
        "    b    = 3 (011)",
        "  outputs:",
        "    y      expected -5 (11111011)   actual -6 (11111010)   <-- differs",
        "    flag   expected 1 (1)   actual 1 (1)",
        ""), m.get().describe());
    AssertionError err = assertThrows(AssertionError.class,
        () -> VectorComparison.assertSame("sim", H, in, expected, actual));
    assertEquals(m.get().describe(), err.getMessage());
  }

  @Test
  void harnessesAreBuiltFromThePortList() {
    String cpp = VerilatorSimulator.harnessSource(H);
    assertTrue(cpp.contains("dut->a = static_cast<CData>(v[0] & 0xffULL);"), cpp);
    assertTrue(cpp.contains("dut->b = static_cast<CData>(v[1] & 0x7ULL);"), cpp);
    assertTrue(cpp.contains("writeHex(out, static_cast<uint64_t>(dut->flag) & 0x1ULL, '\\n');"), cpp);
    assertFalse(cpp.contains("{{"), cpp);
    String tb = IcarusSimulator.testbenchSource(H);
    assertTrue(tb.contains("reg [7:0] a;"), tb);
    assertTrue(tb.contains("wire flag;"), tb);
    assertTrue(tb.contains("$fscanf(fin, \"%h %h\\n\", a, b)"), tb);
    assertTrue(tb.contains("$fdisplay(fout, \"%h %h\", y, flag)"), tb);
    assertFalse(tb.contains("{{"), tb);
  }
}
