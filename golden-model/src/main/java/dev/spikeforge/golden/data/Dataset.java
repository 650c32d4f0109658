package dev.spikeforge.golden.data;

import dev.spikeforge.golden.sim.SpikeRaster;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An immutable labelled dataset. Each sample is either a vector of unsigned 8-bit intensities
 * (values 0..255, e.g. a 28×28 image; {@link #sample(int)}) or, for temporal tasks, an already timed
 * {@link SpikeRaster} ({@link #raster(int)}); {@link #isTemporal()} says which.
 *
 * <p>A dataset is a view: {@link #slice}, {@link #subset} and {@link #shuffled} share the underlying
 * storage and only reorder positions. Every sample keeps its <em>id</em> ({@link #id(int)}): its
 * index in the dataset as originally loaded or generated. Encoders that draw pseudo-random numbers
 * ({@link PoissonEncoder}) are keyed by that id through {@link #encode}, so a sample encodes to the
 * same spikes whatever the order or subset it is seen in.
 */
public final class Dataset {
  private final String name;
  private final int[] shape;
  private final int sampleLength;
  private final int classes;
  /** Intensities, {@code sampleLength} bytes per stored sample; null for temporal datasets. */
  private final byte[] pixels;
  /** Rasters per stored sample; null for intensity datasets. */
  private final SpikeRaster[] rasters;
  /** Label per stored sample. */
  private final int[] labels;
  /** Position in this view → stored sample index (the id). */
  private final int[] rows;

  private Dataset(String name, int[] shape, int classes, byte[] pixels, SpikeRaster[] rasters, int[] labels, int[] rows) {
    this.name = name;
    this.shape = shape;
    this.sampleLength = product(shape);
    this.classes = classes;
    this.pixels = pixels;
    this.rasters = rasters;
    this.labels = labels;
    this.rows = rows;
  }

  /**
   * An intensity dataset from one array per sample (copied). Every sample must have the length
   * {@code product(shape)}; every label must be in {@code 0..classes-1}.
   */
  public static Dataset ofIntensities(String name, int[] shape, int classes, byte[][] samples, int[] labels) {
    int len = product(checkShape(shape));
    if (samples.length != labels.length) {
      throw new IllegalArgumentException(samples.length + " samples but " + labels.length + " labels");
    }
    byte[] flat = new byte[Math.multiplyExact(samples.length, len)];
    for (int i = 0; i < samples.length; i++) {
      if (samples[i].length != len) {
        throw new IllegalArgumentException("sample " + i + " has " + samples[i].length + " values, shape needs " + len);
      }
      System.arraycopy(samples[i], 0, flat, i * len, len);
    }
    return ofFlat(name, shape, classes, flat, labels.clone());
  }

  /**
   * An intensity dataset from one flat array holding the samples back to back. Takes ownership of
   * both arrays without copying (the caller must not modify them afterwards).
   */
  static Dataset ofFlat(String name, int[] shape, int classes, byte[] flat, int[] labels) {
    Objects.requireNonNull(name, "name");
    int len = product(checkShape(shape));
    if ((long) labels.length * len != flat.length) {
      throw new IllegalArgumentException(flat.length + " intensity values do not make " + labels.length + " samples of " + len);
    }
    checkLabels(labels, classes);
    return new Dataset(name, shape.clone(), classes, flat, null, labels, identity(labels.length));
  }

  /**
   * A temporal dataset: one raster per sample (rasters are immutable and not copied), each with
   * {@code channels} channels and {@code steps} steps; its shape is {@code {channels, steps}}.
   */
  public static Dataset ofRasters(String name, int channels, int steps, int classes, SpikeRaster[] rasters, int[] labels) {
    Objects.requireNonNull(name, "name");
    int[] shape = checkShape(new int[] {channels, steps});
    if (rasters.length != labels.length) {
      throw new IllegalArgumentException(rasters.length + " rasters but " + labels.length + " labels");
    }
    for (int i = 0; i < rasters.length; i++) {
      if (rasters[i].channels() != channels || rasters[i].steps() != steps) {
        throw new IllegalArgumentException("raster " + i + " is " + rasters[i].channels() + " channels × " + rasters[i].steps()
            + " steps, dataset is " + channels + " × " + steps);
      }
    }
    int[] l = labels.clone();
    checkLabels(l, classes);
    return new Dataset(name, shape, classes, null, rasters.clone(), l, identity(l.length));
  }

  /** Name, e.g. {@code fashion-mnist-test}. */
  public String name() {
    return name;
  }

  /** Shape of one sample, e.g. {@code {28, 28}} or {@code {channels, steps}} (a copy). */
  public int[] shape() {
    return shape.clone();
  }

  /** Number of values per intensity sample, {@code product(shape)}; for a temporal dataset, channels × steps. */
  public int sampleLength() {
    return sampleLength;
  }

  /** Number of classes; labels are {@code 0..classes-1}. */
  public int classes() {
    return classes;
  }

  /** Whether samples are spike rasters ({@link #raster}) rather than intensities ({@link #sample}). */
  public boolean isTemporal() {
    return rasters != null;
  }

  /** Number of samples in this view. */
  public int size() {
    return rows.length;
  }

  /** Intensities of sample {@code i} (a fresh copy, values 0..255 as unsigned bytes). */
  public byte[] sample(int i) {
    if (pixels == null) {
      throw new IllegalStateException(name + " is a temporal dataset: use raster(i)");
    }
    int at = rows[Objects.checkIndex(i, rows.length)] * sampleLength;
    return Arrays.copyOfRange(pixels, at, at + sampleLength);
  }

  /** Intensity {@code j} of sample {@code i}, as an int 0..255. */
  public int intensity(int i, int j) {
    if (pixels == null) {
      throw new IllegalStateException(name + " is a temporal dataset: use raster(i)");
    }
    return pixels[rows[Objects.checkIndex(i, rows.length)] * sampleLength + Objects.checkIndex(j, sampleLength)] & 0xFF;
  }

  /** Spike raster of sample {@code i} of a temporal dataset. */
  public SpikeRaster raster(int i) {
    if (rasters == null) {
      throw new IllegalStateException(name + " holds intensities: use sample(i) or encode(i, encoder, steps)");
    }
    return rasters[rows[Objects.checkIndex(i, rows.length)]];
  }

  /** Label of sample {@code i}. */
  public int label(int i) {
    return labels[rows[Objects.checkIndex(i, rows.length)]];
  }

  /** Labels of all samples of this view, in order (a copy). */
  public int[] labels() {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = labels[rows[i]];
    }
    return out;
  }

  /** Stable id of sample {@code i}: its index in the dataset as loaded or generated. */
  public int id(int i) {
    return rows[Objects.checkIndex(i, rows.length)];
  }

  /** Number of samples of each class in this view. */
  public int[] classCounts() {
    int[] c = new int[classes];
    for (int r : rows) {
      c[labels[r]]++;
    }
    return c;
  }

  /**
   * Sample {@code i} encoded to spikes: {@code encoder.encode(sample(i), steps, id(i))}. Only for
   * intensity datasets; a temporal dataset's spikes are {@link #raster(int)}.
   */
  public SpikeRaster encode(int i, SpikeEncoder encoder, int steps) {
    return encoder.encode(sample(i), steps, id(i));
  }

  /** Positions {@code from} (inclusive) to {@code to} (exclusive) of this view. */
  public Dataset slice(int from, int to) {
    Objects.checkFromToIndex(from, to, rows.length);
    return view(Arrays.copyOfRange(rows, from, to));
  }

  /** The samples at the given positions of this view, in the given order (repeats allowed). */
  public Dataset subset(int... positions) {
    int[] r = new int[positions.length];
    for (int k = 0; k < positions.length; k++) {
      r[k] = rows[Objects.checkIndex(positions[k], rows.length)];
    }
    return view(r);
  }

  /**
   * This view in a pseudo-random order determined by {@code seed} only. Algorithm (Fisher–Yates,
   * Durstenfeld form): {@code rnd = new java.util.SplittableRandom(seed)}; for {@code i} from
   * {@code size-1} down to 1: {@code j = rnd.nextInt(i + 1)}; swap positions {@code i} and {@code
   * j}. The same seed and view give the same order on every run; ids are kept.
   */
  public Dataset shuffled(long seed) {
    int[] r = rows.clone();
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = r.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = r[i];
      r[i] = r[j];
      r[j] = t;
    }
    return view(r);
  }

  private Dataset view(int[] newRows) {
    return new Dataset(name, shape, classes, pixels, rasters, labels, newRows);
  }

  @Override
  public String toString() {
    return name + " (" + size() + " samples, shape " + Arrays.toString(shape) + ", " + classes + " classes"
        + (isTemporal() ? ", spike rasters)" : ", 8-bit intensities)");
  }

  private static int[] checkShape(int[] shape) {
    if (shape.length == 0) {
      throw new IllegalArgumentException("shape must have at least one dimension");
    }
    for (int d : shape) {
      if (d < 1) {
        throw new IllegalArgumentException("shape dimensions must be positive, got " + Arrays.toString(shape));
      }
    }
    product(shape);
    return shape;
  }

  private static int product(int[] shape) {
    int p = 1;
    for (int d : shape) {
      p = Math.multiplyExact(p, d);
    }
    return p;
  }

  private static void checkLabels(int[] labels, int classes) {
    if (classes < 1) {
      throw new IllegalArgumentException("classes must be positive, got " + classes);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("label " + labels[i] + " of sample " + i + " outside 0.." + (classes - 1));
      }
    }
  }

  private static int[] identity(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }
}
