package dev.spikeforge.golden.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 28×28 grey-level images of 10 clothing classes,
 * 60,000 for training and 10,000 for testing, as IDX files. The Debian package {@code
 * dataset-fashion-mnist} installs them under {@link #DEFAULT_DIR} as {@code
 * train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz}
 * and {@code t10k-labels-idx1-ubyte.gz}; uncompressed copies with the same names without {@code
 * .gz} work too. The split is the official one; samples keep the file order (ids = file index).
 */
public final class FashionMnist {
  /** Where {@code apt-get install dataset-fashion-mnist} puts the files. */
  public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
  /** Number of classes. */
  public static final int CLASSES = 10;
  /** Class names by label. */
  public static final List<String> CLASS_NAMES = List.of(
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
  /** What to do when the files are missing. */
  public static final String FIX = "apt-get install dataset-fashion-mnist, or pass --data-dir DIR with IDX files";

  private FashionMnist() {}

  /** Loads {@code split} from {@link #DEFAULT_DIR}. */
  public static Dataset load(Split split) {
    return load(DEFAULT_DIR, split);
  }

  /**
   * Loads {@code split} from {@code dir} ({@code train-*} for TRAIN, {@code t10k-*} for TEST); the
   * dataset is named {@code fashion-mnist-train} or {@code fashion-mnist-test}.
   *
   * @throws DatasetNotFoundException if the directory or a file is missing
   * @throws dev.spikeforge.golden.io.ModelFormatException if a file is not valid IDX
   */
  public static Dataset load(Path dir, Split split) {
    String prefix = split == Split.TRAIN ? "train" : "t10k";
    String name = "fashion-mnist-" + split.name().toLowerCase(Locale.ROOT);
    return IdxDataset.loadPrefix(dir, prefix, name, CLASSES, "Fashion-MNIST", FIX);
  }
}
