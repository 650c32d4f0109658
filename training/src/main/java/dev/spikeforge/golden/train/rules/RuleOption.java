package dev.spikeforge.golden.train.rules;

import java.nio.file.Path;
import java.util.List;

/**
 * One option a rule reads, as a front end shows and parses it.
 *
 * @param name the option with its dashes, e.g. {@code --shadow-bits}
 * @param kind what value it takes
 * @param paramLabel the value's name in the help, e.g. {@code LAYERS}; null for the default {@code
 *     <camelCaseName>}
 * @param description the help text
 */
public record RuleOption(String name, Kind kind, String paramLabel, String description) {
  /** The value an option takes, and the Java type of that value in {@link RuleOptions}. */
  public enum Kind {
    /** No value: given or not ({@code Boolean}). */
    FLAG(Boolean.class, false),
    /** An {@code Integer}. */
    INT(Integer.class, false),
    /** A {@code Double}. */
    REAL(Double.class, false),
    /** A {@code String}. */
    TEXT(String.class, false),
    /** A file ({@code Path}). */
    PATH(Path.class, false),
    /** Comma-separated integers ({@code int[]}). */
    INTS(int[].class, true),
    /** Comma-separated reals ({@code double[]}). */
    REALS(double[].class, true),
    /** Comma-separated words ({@code List<String>}). */
    WORDS(List.class, true);

    private final Class<?> type;
    private final boolean commaSeparated;

    Kind(Class<?> type, boolean commaSeparated) {
      this.type = type;
      this.commaSeparated = commaSeparated;
    }

    /** The Java type of the value. */
    public Class<?> type() {
      return type;
    }

    /** Whether the value is a comma-separated list. */
    public boolean commaSeparated() {
      return commaSeparated;
    }
  }

  public RuleOption {
    if (!name.startsWith("--")) {
      throw new IllegalArgumentException("an option name starts with --, got '" + name + "'");
    }
  }

  /** An option with the default value label. */
  public static RuleOption of(String name, Kind kind, String description) {
    return new RuleOption(name, kind, null, description);
  }

  /** The value label of the help: {@link #paramLabel()} or {@code <camelCaseName>}. */
  public String label() {
    if (paramLabel != null) {
      return paramLabel;
    }
    StringBuilder sb = new StringBuilder("<");
    boolean up = false;
    for (char c : name.substring(2).toCharArray()) {
      if (c == '-') {
        up = true;
      } else {
        sb.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return sb.append('>').toString();
  }
}
