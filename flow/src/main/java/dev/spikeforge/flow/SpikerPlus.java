package dev.spikeforge.flow;

/**
 * The published Spiker+ figures (MNIST, Xilinx) the demo's summary is set beside.
 */
public final class SpikerPlus {
  /** Test accuracy on MNIST, in percent. */
  public static final double ACCURACY_PERCENT = 93.85;
  /** Logic cells. */
  public static final int LOGIC_CELLS = 7_612;
  /** Block RAMs (36 kbit each). */
  public static final int BLOCK_RAMS = 18;
  /** Latency per image, in µs. */
  public static final double LATENCY_US = 780;
  /** Power, in mW. */
  public static final double POWER_MW = 180;

  private SpikerPlus() {}

  /** Energy per image in µJ: power × latency. */
  public static double energyUj() {
    return POWER_MW * LATENCY_US / 1000;
  }
}
