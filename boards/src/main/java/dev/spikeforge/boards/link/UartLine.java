package dev.spikeforge.boards.link;

import java.util.ArrayList;
import java.util.List;

/**
 * The 8N1 serial line at the level of clock cycles: the host's twin of the board's {@code UartTx}
 * and {@code UartRx}. A line is a list of {@link Transition}s (the cycle from which the line holds a
 * level); it idles at 1.
 *
 * <p>{@link #encode} produces exactly what {@code UartTx} drives (start bit 0, data LSB first, stop
 * bit 1, each bit {@code divisor} cycles); a fractional bit period models a host whose baud rate is
 * slightly off. {@link Decoder} receives like {@code UartRx}: it samples each bit once, mid-bit.
 */
public final class UartLine {
  /** The line holds {@code level} from {@code cycle} on. */
  public record Transition(long cycle, int level) {}

  /** A received byte: its value, the cycle its start bit began and whether its stop bit was 0. */
  public record Received(int value, long startCycle, boolean framingError) {}

  private UartLine() {}

  /** Cycles on the line of one frame of {@code bitCycles} per bit (start, 8 data, stop). */
  public static double frameCycles(double bitCycles) {
    return 10 * bitCycles;
  }

  /**
   * The transitions of {@code bytes} sent back to back from {@code startCycle}, {@code bitCycles}
   * per bit (bit k of the frame starting at s begins at s + round(k * bitCycles)), with
   * {@code idleBits} bit periods of idle line after each stop bit.
   *
   * @return the transitions; the line is idle (1) again after the last one
   */
  public static List<Transition> encode(byte[] bytes, long startCycle, double bitCycles, double idleBits) {
    if (!(bitCycles >= 2)) {
      throw new IllegalArgumentException("bitCycles must be at least 2, got " + bitCycles);
    }
    List<Transition> out = new ArrayList<>();
    int level = 1;
    double frameStart = startCycle;
    for (byte value : bytes) {
      int[] bits = bits(value & 0xFF);
      for (int k = 0; k < bits.length; k++) {
        long at = Math.round(frameStart + k * bitCycles);
        if (bits[k] != level) {
          out.add(new Transition(at, bits[k]));
          level = bits[k];
        }
      }
      frameStart += (10 + idleBits) * bitCycles;
    }
    return out;
  }

  /** Cycle at which a line that starts sending {@code n} frames at {@code startCycle} is free again. */
  public static long endCycle(int n, long startCycle, double bitCycles, double idleBits) {
    return startCycle + Math.round(n * (10 + idleBits) * bitCycles);
  }

  /** Start bit, data bits LSB first, stop bit. */
  private static int[] bits(int value) {
    int[] b = new int[10];
    b[0] = 0;
    for (int i = 0; i < 8; i++) {
      b[1 + i] = (value >> i) & 1;
    }
    b[9] = 1;
    return b;
  }

  /**
   * Receives bytes from a line, incrementally: add transitions in cycle order, then
   * {@link #advance} to a cycle; every frame whose stop bit was sampled before that cycle is
   * returned. Like {@code UartRx}: a falling edge starts a frame, the start bit is checked at its
   * middle (a shorter pulse is ignored), each further bit is sampled mid-bit, and after a framing
   * error the line must return to 1 before the next start bit counts.
   */
  public static final class Decoder {
    private final double bitCycles;
    private final List<Transition> line = new ArrayList<>();
    private long frameStart = -1; // cycle of the falling edge being decoded
    private long searchFrom; // earliest cycle a new start bit may begin
    private long waitRiseAfter = -1; // after a framing error: the stop-bit sample cycle

    public Decoder(double bitCycles) {
      if (!(bitCycles >= 2)) {
        throw new IllegalArgumentException("bitCycles must be at least 2, got " + bitCycles);
      }
      this.bitCycles = bitCycles;
    }

    /** Adds a transition; cycles must not decrease. */
    public void add(Transition t) {
      if (!line.isEmpty() && t.cycle() < line.get(line.size() - 1).cycle()) {
        throw new IllegalArgumentException("transitions out of order: " + t + " after " + line.get(line.size() - 1));
      }
      line.add(t);
    }

    /** Decodes everything that is complete before cycle {@code now}. */
    public List<Received> advance(long now) {
      List<Received> out = new ArrayList<>();
      while (true) {
        if (waitRiseAfter >= 0) { // after a framing error the line must go high first
          long rise = nextRisingEdge(waitRiseAfter);
          if (rise < 0) {
            break;
          }
          searchFrom = rise;
          waitRiseAfter = -1;
        }
        if (frameStart < 0) {
          long edge = nextFallingEdge(searchFrom);
          if (edge < 0) {
            break;
          }
          frameStart = edge;
        }
        long stopSample = sample(9);
        if (stopSample >= now) {
          break;
        }
        if (level(sample(0)) != 0) { // glitch: not a start bit
          searchFrom = frameStart + 1;
          frameStart = -1;
          continue;
        }
        int v = 0;
        for (int i = 0; i < 8; i++) {
          v |= level(sample(1 + i)) << i;
        }
        boolean error = level(stopSample) == 0;
        out.add(new Received(v, frameStart, error));
        frameStart = -1;
        if (error) {
          waitRiseAfter = stopSample;
        } else {
          searchFrom = stopSample + 1;
        }
      }
      prune();
      return out;
    }

    private long sample(int bit) {
      return frameStart + (long) Math.floor((bit + 0.5) * bitCycles);
    }

    /** Level of the line at {@code cycle}. */
    private int level(long cycle) {
      int level = 1;
      for (Transition t : line) {
        if (t.cycle() > cycle) {
          break;
        }
        level = t.level();
      }
      return level;
    }

    private long nextFallingEdge(long from) {
      for (Transition t : line) {
        if (t.cycle() >= from && t.level() == 0 && level(t.cycle() - 1) == 1) {
          return t.cycle();
        }
      }
      return -1;
    }

    private long nextRisingEdge(long after) {
      for (Transition t : line) {
        if (t.cycle() > after && t.level() == 1) {
          return t.cycle();
        }
      }
      return -1;
    }

    /** Drops transitions no future decision needs (keeps the one that sets the current level). */
    private void prune() {
      long keepFrom = frameStart >= 0 ? frameStart : (waitRiseAfter >= 0 ? waitRiseAfter : searchFrom);
      int firstNeeded = 0;
      while (firstNeeded + 1 < line.size() && line.get(firstNeeded + 1).cycle() < keepFrom) {
        firstNeeded++;
      }
      if (firstNeeded > 0) {
        line.subList(0, firstNeeded).clear();
      }
    }
  }
}
