package dev.spikeforge.flow;

import java.util.List;

/**
 * The image dataset a build trains, calibrates, measures and verifies on.
 *
 * @param dataset   {@code fashion-mnist} or {@code mnist-subset}: 784 rate-coded pixels, 10 classes
 * @param dataDir   directory of the dataset's files, or null for where the package installs them
 * @param testLimit test images of the accuracy and verification steps (the first ones), or null for all
 */
public record DataConfig(String dataset, String dataDir, Integer testLimit) {
  /** Datasets a build can use: images of {@value #PIXELS} pixels. */
  public static final List<String> DATASETS = List.of("fashion-mnist", "mnist-subset");

  /** Pixels per image of every dataset in {@link #DATASETS}. */
  public static final int PIXELS = 784;

  /** Validates. */
  public DataConfig {
    ConfigException.require(dataset != null && DATASETS.contains(dataset), "data.dataset",
        "must be one of " + String.join(", ", DATASETS) + ", got " + dataset);
    ConfigException.require(testLimit == null || testLimit >= 1, "data.testLimit",
        "must be positive, got " + testLimit);
  }

  /** Fashion-MNIST from its default directory, all 10,000 test images. */
  public static DataConfig fashionMnist() {
    return new DataConfig("fashion-mnist", null, null);
  }

  /** The same dataset with at most {@code n} test images (null: all). */
  public DataConfig withTestLimit(Integer n) {
    return new DataConfig(dataset, dataDir, n);
  }

  /** The same dataset read from {@code dir} (null: the default directory). */
  public DataConfig withDataDir(String dir) {
    return new DataConfig(dataset, dir, testLimit);
  }
}
