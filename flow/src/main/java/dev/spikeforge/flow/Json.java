package dev.spikeforge.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spikeforge.golden.files.AtomicFiles;
import dev.spikeforge.golden.json.JsonMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The flow's JSON files, through the project's one Jackson configuration ({@link JsonMappers#pretty()}:
 * indented output; unknown fields are refused on reading, Jackson's default).
 */
final class Json {
  static final ObjectMapper MAPPER = JsonMappers.pretty();

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** Writes {@code value} to {@code file} atomically (temporary name, then rename). */
  static void writeFile(Path file, Object value) {
    try {
      AtomicFiles.writeString(file, write(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T readFile(Path file, Class<T> type) {
    try {
      return MAPPER.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
