package dev.spikeforge.golden.io;

import dev.spikeforge.golden.network.DesireTopology;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Import and export of desire-backpropagation networks as one NumPy matrix per layer ({@code
 * docs/learning.md} §8): a directory holding {@code fc1.npy}, {@code fc2.npy}, … (or {@code layer1.npy},
 * {@code layer2.npy}, …; the export writes {@code fcN.npy}), each a 2-D
 * float32 or float64 array of shape {@code (outputs, inputs)} — exactly the {@code weights} tensor of
 * the authors' {@code SnnLinear} layers, in network order. The loaded network has the authors'
 * forward semantics ({@link DesireTopology}): threshold 1, leak {@code 1 − 2^−2}, reset by
 * subtraction, one-step delay between layers, spike-count readout.
 */
public final class DesireNpyImport {
  /** File name prefix of the layers: {@code fc1.npy}, {@code fc2.npy}, … */
  public static final String PREFIX = "fc";

  /**
   * Forward parameters of the imported network (the authors' {@code --tsteps}, {@code
   * --mempot-decay} and {@code --mempot-thres}; their code's layer delay is 1).
   */
  public record Options(int timesteps, int leakShift, double threshold, int layerDelay) {
    /** T = 20, k = 2, θ = 1, delay 1: the authors' defaults. */
    public static final Options DEFAULT = new Options(20, 2, 1.0, 1);
  }

  private DesireNpyImport() {}

  /** The other accepted file name prefix: {@code layer1.npy}, {@code layer2.npy}, … */
  public static final String LAYER_PREFIX = "layer";

  /** Whether {@code dir} looks like an export (a directory with {@code fc1.npy} or {@code layer1.npy}). */
  public static boolean isExport(Path dir) {
    return Files.isDirectory(dir) && (Files.isRegularFile(dir.resolve(PREFIX + "1.npy"))
        || Files.isRegularFile(dir.resolve(LAYER_PREFIX + "1.npy")));
  }

  /** What the directory must hold, for error messages. */
  static final String EXPECTED = "one NumPy matrix (outputs, inputs) per layer, numbered from 1 in network order: "
      + PREFIX + "1.npy, " + PREFIX + "2.npy, … (or " + LAYER_PREFIX + "1.npy, " + LAYER_PREFIX + "2.npy, …)";

  /**
   * Loads {@code dir/fc1.npy, fc2.npy, …} or {@code dir/layer1.npy, layer2.npy, …}. Every {@code .npy} file
   * of the directory must be one of them, numbered 1, 2, … without a gap: a stray, misnamed or missing layer
   * file is an error naming it, never a silently shorter network.
   */
  public static FloatNetwork load(Path dir, Options o) {
    if (!Files.isDirectory(dir)) {
      throw new ModelFormatException(dir + " is not a directory of " + EXPECTED);
    }
    List<String> npys = npyFiles(dir);
    boolean fc = npys.contains(PREFIX + "1.npy");
    boolean layer = npys.contains(LAYER_PREFIX + "1.npy");
    if (fc && layer) {
      throw new ModelFormatException(dir + " holds both " + PREFIX + "1.npy and " + LAYER_PREFIX
          + "1.npy; keep one naming: " + EXPECTED);
    }
    if (!fc && !layer) {
      throw new ModelFormatException(dir + " holds no " + PREFIX + "1.npy (nor " + LAYER_PREFIX + "1.npy)"
          + (npys.isEmpty() ? "" : "; its .npy files " + npys + " are not named as expected")
          + "; export " + EXPECTED + " (see docs/learning.md)");
    }
    String prefix = fc ? PREFIX : LAYER_PREFIX;
    int count = 0;
    while (npys.contains(prefix + (count + 1) + ".npy")) {
      count++;
    }
    List<String> stray = new ArrayList<>();
    for (String n : npys) {
      if (!n.matches(java.util.regex.Pattern.quote(prefix) + "[1-9][0-9]*\\.npy")
          || Integer.parseInt(n.substring(prefix.length(), n.length() - 4)) > count) {
        stray.add(n);
      }
    }
    if (!stray.isEmpty()) {
      throw new ModelFormatException(dir + ": " + stray + " " + (stray.size() == 1 ? "is" : "are") + " not part of "
          + prefix + "1.npy … " + prefix + count + ".npy (numbering must run from 1 without a gap); expected "
          + EXPECTED + ", and no other .npy file");
    }
    List<double[][]> mats = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      Path f = dir.resolve(prefix + k + ".npy");
      NpyFile.Array a = NpyFile.read(f);
      if (a.shape().length != 2) {
        throw new ModelFormatException(f + ": shape " + Arrays.toString(a.shape())
            + " is not a matrix (outputs, inputs)");
      }
      if (!a.dtype().endsWith("f4") && !a.dtype().endsWith("f8")) {
        throw new ModelFormatException(f + ": element type " + a.dtype() + " is not float32 or float64");
      }
      for (double x : a.data()) {
        if (!Double.isFinite(x)) {
          throw new ModelFormatException(f + ": holds a non-finite weight (" + x + ")");
        }
      }
      if (!mats.isEmpty()) {
        int prevOut = mats.get(mats.size() - 1).length;
        if (a.shape()[1] != prevOut) {
          throw new ModelFormatException(f + ": has " + a.shape()[1] + " inputs but " + prefix + (k - 1)
              + ".npy has " + prevOut + " outputs (shape must be (outputs, inputs))");
        }
      }
      if (a.shape()[0] < 1 || a.shape()[1] < 1) {
        throw new ModelFormatException(f + ": empty matrix " + Arrays.toString(a.shape()));
      }
      mats.add(a.matrix());
    }
    if (o.timesteps() < 1 || o.leakShift() < 0 || !(o.threshold() > 0) || o.layerDelay() < 0) {
      throw new IllegalArgumentException("invalid import options " + o);
    }
    String name = "desire_import";
    String dn = dir.toAbsolutePath().normalize().getFileName() == null ? ""
        : dir.toAbsolutePath().normalize().getFileName().toString().replaceAll("[^A-Za-z0-9_]", "_");
    if (dn.matches("[A-Za-z][A-Za-z0-9_]*")) {
      name = dn.toLowerCase(Locale.ROOT);
    }
    return DesireTopology.floatNetwork(name, o.timesteps(), o.leakShift(), o.threshold(), o.layerDelay(),
        mats.toArray(new double[0][][]));
  }

  /** The names of the regular {@code .npy} files in {@code dir}, sorted. */
  static List<String> npyFiles(Path dir) {
    try (var files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".npy")).sorted().toList();
    } catch (IOException e) {
      throw new ModelFormatException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the layers of {@code net} as {@code fc1.npy, fc2.npy, …} (float32, shape (outputs,
   * inputs)): loadable into the authors' PyTorch model. Every weight must be exactly a float32 value.
   */
  public static void export(FloatNetwork net, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (int l = 0; l < net.layers().size(); l++) {
      FloatLayer layer = net.layers().get(l);
      float[] data = new float[layer.size() * layer.inputSize()];
      for (int j = 0; j < layer.size(); j++) {
        for (int i = 0; i < layer.inputSize(); i++) {
          double w = layer.weights()[j][i];
          float f = (float) w;
          if (f != w) {
            throw new IllegalArgumentException("weight " + w + " of layer " + layer.name() + " is not a float32 value");
          }
          data[j * layer.inputSize() + i] = f;
        }
      }
      NpyFile.writeFloat32(dir.resolve(PREFIX + (l + 1) + ".npy"), new int[] {layer.size(), layer.inputSize()}, data);
    }
  }
}
