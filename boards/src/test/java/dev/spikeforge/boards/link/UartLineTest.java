package dev.spikeforge.boards.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
@net.jqwik.api.Tag("unit")
class UartLineTest {

  @Test
  void oneFrameIsStartDataLsbFirstAndStop() {
    // 0x35 = 0b0011_0101: bits LSB first 1,0,1,0,1,1,0,0
    List<UartLine.Transition> t = UartLine.encode(new byte[] {0x35}, 100, 10, 0);
    assertEquals(List.of(new UartLine.Transition(100, 0), new UartLine.Transition(110, 1),
        new UartLine.Transition(120, 0), new UartLine.Transition(130, 1), new UartLine.Transition(140, 0),
        new UartLine.Transition(150, 1), new UartLine.Transition(170, 0), new UartLine.Transition(190, 1)), t);
    assertEquals(200, UartLine.endCycle(1, 100, 10, 0));
  }

  /**
   * A receiver at the exact divisor decodes what a host sends with a bit period off by up to 3 %, and
   * pauses. The last sample (mid stop bit, 9.5 bits after the start edge) must stay inside its bit
   * despite the drift and one cycle of edge quantisation each side: |skew| <= (0.5 - 1.5 / divisor) /
   * 9.5, which is under 3 % for divisors below 12 (2.6 % at 10, 1.3 % at 4) — the hardware receiver
   * has the same bound.
   */
  static double maxSkew(int divisor) {
    return Math.min(0.03, (0.5 - 1.5 / divisor) / 9.5);
  }

  @Property(tries = 300)
  void decodesWhatWasEncoded(@ForAll @Size(min = 1, max = 40) byte[] bytes, @ForAll @IntRange(min = 4, max = 200) int divisor,
      @ForAll @DoubleRange(min = -1, max = 1) double skewFraction, @ForAll @DoubleRange(min = 0, max = 3) double idle) {
    double skew = 1 + skewFraction * maxSkew(divisor);
    List<UartLine.Transition> line = UartLine.encode(bytes, 7, divisor * skew, idle);
    UartLine.Decoder d = new UartLine.Decoder(divisor);
    line.forEach(d::add);
    List<UartLine.Received> got = new ArrayList<>();
    // in pieces, as a simulation delivers them
    long end = UartLine.endCycle(bytes.length, 7, divisor * skew, idle) + 2L * divisor;
    for (long c = 0; c <= end; c += 3L * divisor) {
      got.addAll(d.advance(c));
    }
    got.addAll(d.advance(end + 1));
    assertEquals(bytes.length, got.size());
    for (int i = 0; i < bytes.length; i++) {
      assertEquals(bytes[i] & 0xFF, got.get(i).value());
      assertTrue(!got.get(i).framingError());
    }
  }

  @Test
  void aLowStopBitIsAFramingErrorAndAShortGlitchIsNoByte() {
    UartLine.Decoder d = new UartLine.Decoder(10);
    d.add(new UartLine.Transition(50, 0)); // glitch of 3 cycles: no start bit at its middle
    d.add(new UartLine.Transition(53, 1));
    d.add(new UartLine.Transition(100, 0)); // 0x00 whose stop bit is low: line low for 14 bits
    d.add(new UartLine.Transition(240, 1));
    UartLine.encode(new byte[] {(byte) 0xA5}, 300, 10, 0).forEach(d::add);
    List<UartLine.Received> got = d.advance(1000);
    assertEquals(List.of(new UartLine.Received(0, 100, true), new UartLine.Received(0xA5, 300, false)), got);
  }
}
