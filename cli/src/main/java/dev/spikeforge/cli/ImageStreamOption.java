package dev.spikeforge.cli;

import dev.spikeforge.golden.data.ImageStreamParams;
import java.util.List;
import java.util.Map;

/** Parsing of {@code train --image-stream KEY=VALUE,…}: {@link ImageStreamParams#DEFAULT} with the given keys replaced. */
final class ImageStreamOption {
  private static final List<String> KEYS = List.of("rows", "threshold", "silence", "order");

  private ImageStreamOption() {}

  static ImageStreamParams parse(Map<String, String> given) {
    ImageStreamParams d = ImageStreamParams.DEFAULT;
    for (String key : given.keySet()) {
      if (!KEYS.contains(key)) {
        throw new UserException("--image-stream: unknown key '" + key + "'; keys: " + String.join(", ", KEYS));
      }
    }
    try {
      return new ImageStreamParams(integer(given, "rows", d.rowsPerStep()), integer(given, "threshold", d.threshold()),
          integer(given, "silence", d.silence()),
          given.containsKey("order") ? ImageStreamParams.Order.parse(given.get("order")) : d.order());
    } catch (IllegalArgumentException e) {
      throw new UserException("--image-stream: " + e.getMessage().replaceFirst("^image stream: ", ""));
    }
  }

  private static int integer(Map<String, String> given, String key, int def) {
    String v = given.get(key);
    if (v == null) {
      return def;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new UserException("--image-stream: " + key + "=" + v + " is not an integer");
    }
  }
}
