package dev.spikeforge.golden.data;

import dev.spikeforge.golden.io.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a labelled image dataset from a pair of IDX files (one image file, one label file), e.g. any
 * MNIST-style directory a user points spikeforge at.
 *
 * <p>File names for a prefix {@code P} (e.g. {@code train}, {@code t10k}) are looked up in this
 * order: {@code P-images-idx3-ubyte}, {@code P-images-idx3-ubyte.gz}, {@code P-images.idx3-ubyte},
 * {@code P-images.idx3-ubyte.gz}, and likewise {@code P-labels-idx1-ubyte} etc.
 */
public final class IdxDataset {
  private IdxDataset() {}

  /**
   * Loads images and labels; the number of classes is {@code max(label) + 1}. Fails with a {@link
   * ModelFormatException} naming both files if their counts differ.
   */
  public static Dataset load(Path images, Path labels, String name) {
    return load(images, labels, name, 0);
  }

  /**
   * Loads images and labels with a known number of classes ({@code classes <= 0}: infer it as
   * {@code max(label) + 1}). Every label must be below {@code classes}.
   */
  public static Dataset load(Path images, Path labels, String name, int classes) {
    IdxReader.IdxArray img = IdxReader.readImages(images);
    int[] lab = IdxReader.readLabels(labels);
    if (img.count() != lab.length) {
      throw new ModelFormatException("image/label count mismatch: " + images + " holds " + img.count()
          + " images but " + labels + " holds " + lab.length + " labels");
    }
    int max = 0;
    for (int l : lab) {
      max = Math.max(max, l);
    }
    int c = classes > 0 ? classes : max + 1;
    for (int i = 0; i < lab.length; i++) {
      if (lab[i] >= c) {
        throw IdxReader.bad(labels, "label " + lab[i] + " at index " + i + " is outside 0.." + (c - 1));
      }
    }
    return Dataset.ofFlat(name, img.itemShape(), c, img.data(), lab);
  }

  /**
   * Loads {@code dir/prefix-images-idx3-ubyte[.gz]} and {@code dir/prefix-labels-idx1-ubyte[.gz]}
   * (see the class comment for the accepted names) as a dataset named {@code name}; the number of
   * classes is {@code max(label) + 1}.
   */
  public static Dataset loadPrefix(Path dir, String prefix, String name) {
    String fix = "put " + prefix + "-images-idx3-ubyte(.gz) and " + prefix + "-labels-idx1-ubyte(.gz) in " + dir
        + ", or pass --data-dir DIR with IDX files";
    return loadPrefix(dir, prefix, name, 0, "IDX dataset directory", fix);
  }

  static Dataset loadPrefix(Path dir, String prefix, String name, int classes, String what, String fix) {
    if (!Files.isDirectory(dir)) {
      throw new DatasetNotFoundException(dir, what, fix);
    }
    Path images = find(dir, prefix, "images", 3, what, fix);
    Path labels = find(dir, prefix, "labels", 1, what, fix);
    return load(images, labels, name, classes);
  }

  /** The first existing file among the accepted names for {@code prefix}, {@code kind} (images/labels). */
  static Path find(Path dir, String prefix, String kind, int dims, String what, String fix) {
    List<String> tried = new ArrayList<>();
    for (String sep : new String[] {"-", "."}) {
      for (String gz : new String[] {"", ".gz"}) {
        String n = prefix + "-" + kind + sep + "idx" + dims + "-ubyte" + gz;
        tried.add(n);
        Path p = dir.resolve(n);
        if (Files.isRegularFile(p)) {
          return p;
        }
      }
    }
    throw new DatasetNotFoundException(dir.resolve(tried.get(0)), what + " file (" + kind + "; tried " + String.join(", ", tried) + ")", fix);
  }
}
