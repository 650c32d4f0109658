package dev.spikeforge.flow;

import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwMemory;

/** Figures of a compiled core that front ends print. */
public final class CoreFigures {
  private CoreFigures() {}

  /** Bits of all the core's memory images (depth × width, summed). */
  public static long memoryBits(HwCore core) {
    long bits = 0;
    for (HwMemory m : core.memories()) {
      bits += (long) m.depth() * m.width();
    }
    return bits;
  }
}
