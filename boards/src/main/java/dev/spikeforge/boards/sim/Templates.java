package dev.spikeforge.boards.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Harness templates with {{NAME}} placeholders; every placeholder and every value must be used. */
final class Templates {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)\\}\\}");

  private Templates() {}

  static String resource(String name) {
    try (InputStream in = Templates.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " missing from the boards jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + name, e);
    }
  }

  static String render(String resourceName, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(resource(resourceName));
    StringBuilder out = new StringBuilder();
    Set<String> used = new HashSet<>();
    while (m.find()) {
      String v = values.get(m.group(1));
      if (v == null) {
        throw new IllegalStateException(resourceName + ": no value for {{" + m.group(1) + "}}");
      }
      used.add(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    if (!used.equals(values.keySet())) {
      throw new IllegalStateException(resourceName + ": unused values");
    }
    return out.toString();
  }
}
