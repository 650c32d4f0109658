package dev.spikeforge.flow.explore;

/**
 * What a sweep measures at every point; objectives and constraints name these. Each says how it is
 * obtained, so no figure is shown without its origin (docs/explore.md, "Measured objectives").
 */
public enum Metric {
  /** Integer golden-model accuracy. */
  ACCURACY("accuracy", true, "fraction", "integer golden model (bit-exact with the RTL) on the sweep's test images"),
  /** Logic cells. */
  LOGIC_CELLS("logicCells", false, "cells", "estimator, or nextpnr for points synthesized for real"),
  /** LUT4. */
  LUT4("lut4", false, "LUT4", "estimator, or yosys/nextpnr for points synthesized for real"),
  /** Flip-flops. */
  FLIP_FLOPS("flipFlops", false, "FF", "estimator, or yosys/nextpnr for points synthesized for real"),
  /** Block RAMs. */
  BLOCK_RAMS("blockRams", false, "EBR",
      "estimator (Yosys' memory_libmap re-enacted on the core's memories), or nextpnr for points synthesized for real"),
  /** SPRAMs. */
  SPRAMS("sprams", false, "SPRAM", "exact from the hardware spec (SPRAM cells of its weight memories)"),
  /** Fmax. */
  FMAX_MHZ("fmaxMhz", true, "MHz", "estimator, or nextpnr (seed 1) for points synthesized for real"),
  /** Clocks per image. */
  CLOCKS_PER_IMAGE("clocksPerImage", false, "clocks",
      "exact: the cycle model (compiler.cycles.CycleModel) on the golden model's traces, images streamed back to back"),
  /** Latency. */
  LATENCY_US("latencyUs", false, "µs", "clocksPerImage / the board clock"),
  /** Throughput. */
  IMAGES_PER_SECOND("imagesPerSecond", true, "images/s", "1e6 / latencyUs"),
  /** Energy. */
  ENERGY_UJ("energyUj", false, "µJ",
      "ESTIMATE: PowerModel (static + per-resource dynamic power at the board clock, toggle rate 0.125) x latency");

  private final String key;
  private final boolean higherIsBetter;
  private final String unit;
  private final String method;

  Metric(String key, boolean higherIsBetter, String unit, String method) {
    this.key = key;
    this.higherIsBetter = higherIsBetter;
    this.unit = unit;
    this.method = method;
  }

  /** The name in sweep files and outputs. */
  public String key() {
    return key;
  }

  /** Whether more is better (accuracy, Fmax, images/s). */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** The unit. */
  public String unit() {
    return unit;
  }

  /** How it is obtained. */
  public String method() {
    return method;
  }

  /** Whether the estimator gives it (and real synthesis replaces it). */
  public boolean hardware() {
    return this == LOGIC_CELLS || this == LUT4 || this == FLIP_FLOPS || this == BLOCK_RAMS || this == FMAX_MHZ;
  }

  /** The metric named {@code key}, or null. */
  public static Metric byKey(String key) {
    for (Metric m : values()) {
      if (m.key.equals(key)) {
        return m;
      }
    }
    return null;
  }

  /** Every key, for messages. */
  public static String keys() {
    StringBuilder sb = new StringBuilder();
    for (Metric m : values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(m.key);
    }
    return sb.toString();
  }
}
