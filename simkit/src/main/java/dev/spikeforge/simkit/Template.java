package dev.spikeforge.simkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Harness templates: text resources next to a class, with {@code {{NAME}}} placeholders. Every
 * placeholder must be given a value and every value must be used, so a template and its builder
 * cannot drift apart silently.
 */
public final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)\\}\\}");

  private Template() {}

  /** The text of resource {@code name} in the package of {@code owner}. */
  public static String resource(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " missing from the package of " + owner.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + name, e);
    }
  }

  /**
   * Resource {@code name} of {@code owner}'s package with each placeholder replaced by its value.
   *
   * @throws IllegalStateException naming the template and the placeholder without a value, or the
   *     values no placeholder used
   */
  public static String render(Class<?> owner, String name, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(resource(owner, name));
    StringBuilder out = new StringBuilder();
    Set<String> used = new HashSet<>();
    while (m.find()) {
      String v = values.get(m.group(1));
      if (v == null) {
        throw new IllegalStateException(name + ": no value for {{" + m.group(1) + "}}");
      }
      used.add(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    if (!used.equals(values.keySet())) {
      Set<String> unused = new HashSet<>(values.keySet());
      unused.removeAll(used);
      throw new IllegalStateException(name + ": unused values " + unused);
    }
    return out.toString();
  }
}
