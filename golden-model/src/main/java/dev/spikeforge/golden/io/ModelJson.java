package dev.spikeforge.golden.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutMode;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.SpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the model JSON formats ({@link NetworkJson}, {@link FloatNetworkJson}) share: reading a
 * model file, strict parsing with line and column in errors, the format and schema-version header,
 * error paths of record constructors, and the canonical writing of integer rows.
 */
public final class ModelJson {
  private static final Set<String> READOUT = Set.of("mode", "decisionCount");
  /** The number's text in the message of Jackson's NumberFormatException ({@code Value "1e2147483648" can not …}). */
  private static final Pattern NUMBER_TEXT = Pattern.compile("Value \"([^\"]{1,40})");

  private ModelJson() {}

  /** The UTF-8 text of a model file; a missing or unreadable file is a {@link ModelFormatException} naming it. */
  public static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ModelFormatException("model file " + file + " does not exist");
    } catch (IOException e) {
      throw new ModelFormatException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads {@code file} and parses its text with {@code parse}; every error is prefixed with the file. */
  static <T> T readFile(Path file, Function<String, T> parse) {
    return parseFile(file, readText(file), parse);
  }

  /** Parses {@code text}, read from {@code file}, with {@code parse}; every error is prefixed with the file. */
  static <T> T parseFile(Path file, String text, Function<String, T> parse) {
    try {
      return parse.apply(text);
    } catch (SpecException e) {
      throw new SpecException(file + ": " + e.field(), e.getMessage().substring(e.field().length() + 2));
    } catch (ModelFormatException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e.getCause());
    }
  }

  /** The root node of {@code json}, which must be a document of {@code format} (named in the empty-file error). */
  static JsonNode readTree(ObjectMapper mapper, String json, String format) {
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (MismatchedInputException e) {
      // the one mismatch a tree read reports: FAIL_ON_TRAILING_TOKENS
      throw new ModelFormatException("not valid JSON (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + "): data after the end of the document; a model file holds one JSON"
          + " object", e);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")";
      throw new ModelFormatException("not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ModelFormatException("not valid JSON: " + e.getMessage(), e);
    } catch (NumberFormatException e) {
      // Jackson's exact-decimal parse of a number like 1e2147483648 (exponent beyond an int)
      Matcher m = NUMBER_TEXT.matcher(String.valueOf(e.getMessage()));
      throw new ModelFormatException("not valid JSON: the number " + (m.find() ? m.group(1) + " " : "")
          + "is out of range (its exponent does not fit)", e);
    }
    if (root == null || root.isMissingNode()) {
      throw new ModelFormatException("empty file; expected a JSON object with \"format\": \"" + format + "\"");
    }
    return root;
  }

  /**
   * Checks the header fields {@code format} and {@code schemaVersion}; {@code kind} names the format
   * in the error ("spikeforge network").
   */
  static void checkHeader(JsonFields top, String format, String kind, int schemaVersion) {
    String actual = top.string("format");
    if (!format.equals(actual)) {
      throw new SpecException("format", "'" + actual + "' is not a " + kind + "; expected '" + format + "'");
    }
    int schema = top.intValue("schemaVersion");
    if (schema != schemaVersion) {
      throw new SpecException("schemaVersion", schema + " is not supported; this spikeforge reads schema version "
          + schemaVersion);
    }
  }

  /** The {@code readout} object of a model document. */
  /** The optional top-level {@code encoder} (docs/model-format.md), {@link EncoderSpec#DEFAULT} when absent. */
  static EncoderSpec encoder(JsonFields top) {
    return top.has("encoder") ? EncoderSpec.parse(top.string("encoder")) : EncoderSpec.DEFAULT;
  }

  /** Writes {@code "encoder": "…",} unless it is the default, so default-coded models keep their bytes and hash. */
  static void encoder(StringBuilder sb, EncoderSpec e) {
    if (!e.isDefault()) {
      sb.append("  \"encoder\": \"").append(e).append("\",\n");
    }
  }

  static ReadoutSpec readout(JsonFields top) {
    JsonFields ro = top.object("readout", READOUT);
    return build("readout", () -> new ReadoutSpec(
        ro.enumValue("mode", ReadoutMode.class), ro.intOr("decisionCount", 1)));
  }

  /**
   * The {@code layers} array of a model document, each element an object of the {@code allowed}
   * fields read by {@code layer} (given the fields and their path, {@code layers[i]}).
   */
  static <T> List<T> layers(JsonFields top, Set<String> allowed, BiFunction<JsonFields, String, T> layer) {
    JsonNode layersNode = top.get("layers");
    if (!layersNode.isArray()) {
      throw new SpecException("layers", "expected an array of layer objects");
    }
    if (layersNode.size() > NetworkSpec.MAX_LAYERS) { // before reading them: each layer can be large
      throw new SpecException("layers", layersNode.size() + " layers; at most " + NetworkSpec.MAX_LAYERS);
    }
    List<T> layers = new ArrayList<>();
    for (int l = 0; l < layersNode.size(); l++) {
      String p = "layers[" + l + "]";
      layers.add(layer.apply(new JsonFields(layersNode.get(l), p, allowed), p));
    }
    return layers;
  }

  /** A record constructor, for {@link #build}. */
  interface Builder<T> {
    T get();
  }

  /** Runs a record constructor, putting {@code path} in front of the field of any error. */
  static <T> T build(String path, Builder<T> b) {
    try {
      return b.get();
    } catch (SpecException e) {
      if (path.isEmpty() || e.field().startsWith(path + ".") || e.field().startsWith(path + "[")) {
        throw e;
      }
      throw e.under(path);
    }
  }

  /** Appends {@code ,\n      "field": [rows]} (nothing for a null matrix), one row a line. */
  static void intMatrix(StringBuilder sb, String field, int[][] m) {
    if (m == null) {
      return;
    }
    sb.append(",\n      \"").append(field).append("\": [");
    for (int j = 0; j < m.length; j++) {
      sb.append(j == 0 ? "\n        " : ",\n        ");
      intRow(sb, m[j]);
    }
    sb.append("\n      ]");
  }

  /** Appends {@code [a,b,c]}. */
  static void intRow(StringBuilder sb, int[] r) {
    sb.append('[');
    for (int i = 0; i < r.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(r[i]);
    }
    sb.append(']');
  }
}
