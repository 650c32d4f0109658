package dev.spikeforge.golden.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one place the project configures Jackson. Every module that reads or writes JSON takes its
 * mapper from here, so that every file of one kind is written the same way. Each call returns a new
 * mapper: a mapper can be reconfigured, and one caller's change must not reach another's output.
 *
 * <p>Pretty output is Jackson's default pretty printer ({@code "key" : value}, two-space indent,
 * arrays as {@code [ 1, 2 ]}); numbers and strings are written as Jackson writes them by default.
 */
public final class JsonMappers {
  private JsonMappers() {}

  /** Jackson's defaults: compact output; for reading tool reports and writing binary-file headers. */
  public static JsonMapper compact() {
    return JsonMapper.builder().build();
  }

  /** Indented output: reports and the JSON files of a build directory. */
  public static JsonMapper pretty() {
    return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  }

  /**
   * Compact output with map entries in key order, so that a file written from a map does not
   * depend on the map's iteration order (training checkpoints).
   */
  public static JsonMapper sortedKeys() {
    return JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  }

  /** {@link #pretty()} with map entries in key order (training metrics). */
  public static JsonMapper prettySortedKeys() {
    return JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .build();
  }

  /**
   * A strict reader of documents a user hands in (model files): a key given twice and anything
   * after the top-level value are errors, not silently resolved. A format that needs more (exact
   * decimals, say) adds it with {@code strict().rebuild()}.
   */
  public static JsonMapper strict() {
    return JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }
}
