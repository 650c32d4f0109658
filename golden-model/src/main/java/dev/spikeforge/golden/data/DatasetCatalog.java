package dev.spikeforge.golden.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The datasets spikeforge knows by name, for command-line front ends ({@code --dataset NAME
 * [--data-dir DIR]}):
 *
 * <ul>
 *   <li>{@code fashion-mnist}: {@link FashionMnist}, from {@code dataDir} or {@link FashionMnist#DEFAULT_DIR};
 *   <li>{@code mnist-subset}: {@link MnistSubset}, from {@code dataDir} (the root holding {@code
 *       package/src/digits}) or {@link MnistSubset#defaultRoot()};
 *   <li>{@code idx}: any IDX directory ({@code dataDir} required) with prefix {@code train} for
 *       TRAIN and {@code t10k} (else {@code test}) for TEST, see {@link IdxDataset};
 *   <li>{@code delay-pattern}: {@link DelayPatternTask} with {@link DelayPatternParams#DEFAULT},
 *       {@value #DELAY_PATTERN_TRAIN} training and {@value #DELAY_PATTERN_TEST} test samples.
 * </ul>
 */
public final class DatasetCatalog {
  /** The known names. */
  public static final List<String> NAMES = List.of("fashion-mnist", "mnist-subset", "idx", "delay-pattern");
  /** Training samples of the named {@code delay-pattern} dataset. */
  public static final int DELAY_PATTERN_TRAIN = 4000;
  /** Test samples of the named {@code delay-pattern} dataset. */
  public static final int DELAY_PATTERN_TEST = 1000;

  private DatasetCatalog() {}

  /**
   * Loads {@code split} of the dataset called {@code name}; {@code dataDir} may be null to use the
   * default location (not for {@code idx}).
   *
   * @throws IllegalArgumentException for an unknown name or {@code idx} without a directory
   * @throws DatasetNotFoundException if the data is not installed
   */
  public static Dataset load(String name, Split split, Path dataDir) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "fashion-mnist":
        return FashionMnist.load(dataDir != null ? dataDir : FashionMnist.DEFAULT_DIR, split);
      case "mnist-subset":
        return MnistSubset.load(dataDir != null ? dataDir : MnistSubset.defaultRoot(), split);
      case "idx":
        return loadIdx(dataDir, split);
      case "delay-pattern":
        DelayPatternTask task = new DelayPatternTask(DelayPatternParams.DEFAULT);
        return split == Split.TRAIN ? task.trainSet(DELAY_PATTERN_TRAIN) : task.testSet(DELAY_PATTERN_TEST);
      default:
        throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + String.join(", ", NAMES));
    }
  }

  private static Dataset loadIdx(Path dir, Split split) {
    if (dir == null) {
      throw new IllegalArgumentException("dataset 'idx' needs a directory: pass --data-dir DIR with IDX files");
    }
    String name = "idx-" + split.name().toLowerCase(Locale.ROOT);
    if (split == Split.TRAIN) {
      return IdxDataset.loadPrefix(dir, "train", name);
    }
    try {
      return IdxDataset.loadPrefix(dir, "t10k", name);
    } catch (DatasetNotFoundException noT10k) {
      try {
        return IdxDataset.loadPrefix(dir, "test", name);
      } catch (DatasetNotFoundException noTest) {
        throw noT10k;
      }
    }
  }
}
