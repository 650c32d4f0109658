package dev.spikeforge.golden.io;

import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The one model-loading function of every command: whatever a user may name as MODEL, read the same
 * way everywhere.
 *
 * <ul>
 *   <li>an integer network file ({@code spikeforge.network} JSON, e.g. {@code model.json});
 *   <li>a float model file ({@code spikeforge.float-network} JSON, e.g. {@code float-model.json});
 *   <li>a directory of NumPy matrices, one per layer, {@code fc1.npy, fc2.npy, …} or {@code layer1.npy, …}:
 *       the desire-backpropagation authors' export ({@link DesireNpyImport}, their forward semantics);
 *   <li>a training output directory ({@code spikeforge train -o DIR}): its {@code float-model.json} when it
 *       has one (a float run: the trained weights themselves), else its {@code model.json}.
 * </ul>
 */
public final class ModelFiles {
  /** Format name of an npy directory in {@link Model#format()} (and a compile's config.json). */
  public static final String NPY_FORMAT = "desire-npy";

  private ModelFiles() {}

  /** What a path names, found without reading the model itself. */
  public enum Kind {
    /** An integer network file. */
    INTEGER,
    /** A float model file (possibly found in a training output directory). */
    FLOAT,
    /** A directory of one .npy matrix per layer. */
    NPY;

    /** Whether the model is a float one (FLOAT or NPY). */
    public boolean isFloat() {
      return this != INTEGER;
    }
  }

  /** The file (or npy directory) that {@code path} stands for, and its kind. */
  public record Source(Path path, Kind kind, Path given) {
    /** Whether the model was found inside the directory the user named (a training output directory). */
    public boolean foundInDirectory() {
      return !path.equals(given);
    }
  }

  /**
   * A loaded model: exactly one of {@code network} (integer) and {@code floatNetwork} (float or npy) is set.
   *
   * @param source where it came from
   * @param format {@code spikeforge.network}, {@code spikeforge.float-network} or {@value #NPY_FORMAT}
   * @param sha256 SHA-256 of the file's bytes (npy: of each layer file's name and bytes, in layer order)
   */
  public record Model(Source source, String format, String sha256, NetworkSpec network, FloatNetwork floatNetwork) {
    public boolean isFloat() {
      return floatNetwork != null;
    }
  }

  /**
   * What {@code path} names; a path that is none of the accepted forms is a {@link ModelFormatException}
   * that names it and lists them.
   */
  public static Source resolve(Path path) {
    if (Files.isDirectory(path)) {
      if (DesireNpyImport.isExport(path)) {
        return new Source(path, Kind.NPY, path);
      }
      if (Files.isRegularFile(path.resolve("float-model.json"))) {
        return new Source(path.resolve("float-model.json"), Kind.FLOAT, path);
      }
      if (Files.isRegularFile(path.resolve("model.json"))) {
        return resolveFile(path.resolve("model.json"), path);
      }
      if (!DesireNpyImport.npyFiles(path).isEmpty()) {
        DesireNpyImport.load(path, DesireNpyImport.Options.DEFAULT); // throws, naming the misnamed files
      }
      throw new ModelFormatException(path + " is a directory but holds no model: give a model file (model.json,"
          + " float-model.json), a directory of " + DesireNpyImport.EXPECTED
          + ", or a training output directory (with float-model.json or model.json)");
    }
    if (!Files.exists(path)) {
      throw new ModelFormatException("model " + path + " does not exist");
    }
    return resolveFile(path, path);
  }

  private static Source resolveFile(Path file, Path given) {
    String head;
    try (var in = Files.newInputStream(file)) {
      head = new String(in.readNBytes(256), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ModelFormatException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
    return new Source(file, FloatNetworkJson.isFloatNetwork(head) ? Kind.FLOAT : Kind.INTEGER, given);
  }

  /** {@code load(path, DesireNpyImport.Options.DEFAULT)}. */
  public static Model load(Path path) {
    return load(path, DesireNpyImport.Options.DEFAULT);
  }

  /** Loads whatever {@code path} names ({@link #resolve}); {@code npy} applies to an npy directory. */
  public static Model load(Path path, DesireNpyImport.Options npy) {
    return load(resolve(path), npy);
  }

  /** Loads a resolved source. */
  public static Model load(Source s, DesireNpyImport.Options npy) {
    if (s.kind() == Kind.NPY) {
      FloatNetwork fl = DesireNpyImport.load(s.path(), npy);
      MessageDigest md = sha256();
      String prefix = Files.isRegularFile(s.path().resolve(DesireNpyImport.PREFIX + "1.npy")) ? DesireNpyImport.PREFIX
          : DesireNpyImport.LAYER_PREFIX;
      for (int k = 1; k <= fl.layers().size(); k++) {
        String name = prefix + k + ".npy";
        md.update(name.getBytes(StandardCharsets.UTF_8));
        md.update(bytes(s.path().resolve(name)));
      }
      return new Model(s, NPY_FORMAT, HexFormat.of().formatHex(md.digest()), null, fl);
    }
    String text = ModelJson.readText(s.path());
    String hash = HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    if (s.kind() == Kind.FLOAT) {
      return new Model(s, FloatNetworkJson.FORMAT, hash, null, ModelJson.parseFile(s.path(), text, FloatNetworkJson::parse));
    }
    return new Model(s, NetworkJson.FORMAT, hash, ModelJson.parseFile(s.path(), text, NetworkJson::parse), null);
  }

  /** The accepted forms of MODEL, for help texts. */
  public static final List<String> FORMS = List.of("model.json (integer network)", "float-model.json (float model)",
      "a directory of fc1.npy, fc2.npy, … or layer1.npy, … (one matrix per layer)",
      "a training output directory (its float-model.json, else its model.json)");

  private static byte[] bytes(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new ModelFormatException("cannot read " + f + ": " + e.getMessage(), e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
