package dev.spikeforge.testbenches;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A harness template from this package's resources with {@code {{NAME}}} placeholders. Every
 * placeholder must be given a value and every value must be used, so a template and its builder
 * cannot drift apart silently.
 */
final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)\\}\\}");

  private Template() {}

  static String resource(String name) {
    try (InputStream in = Template.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " missing from the testbenches jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + name, e);
    }
  }

  static String render(String resourceName, Map<String, String> values) {
    String text = resource(resourceName);
    Matcher m = PLACEHOLDER.matcher(text);
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
      throw new IllegalStateException(resourceName + ": unused values " + values.keySet());
    }
    return out.toString();
  }
}
