package dev.spikeforge.cli;

/** The parsing of {@code spikeforge compile}'s numeric-or-word option values ({@code --lanes all}). */
final class CompileOptions {
  private CompileOptions() {}

  /**
   * {@code v} as a number of at least 1, or {@code wordValue} for {@code word}. A number that means
   * what the word means internally (0 for {@code --lanes all}) is refused, so it never does silently.
   */
  static int parse(String v, String word, int wordValue, String option) {
    if (v.equals(word)) {
      return wordValue;
    }
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UserException(option + " must be a number or '" + word + "', not '" + v + "'");
    }
    if (n < 1) {
      throw new UserException(option + " must be at least 1 or '" + word + "', not " + n);
    }
    return n;
  }

  /**
   * {@code v} as per-layer counts when it is a comma-separated list ({@code --lanes 16,2}), or null when it is one
   * value (a number or a word, parsed by {@link #parse}). Every count must be a number of at least 1; whether there is
   * one per layer and each fits its layer is checked when the network is mapped.
   */
  static java.util.List<Integer> perLayer(String v, String option) {
    if (!v.contains(",")) {
      return null;
    }
    java.util.List<Integer> counts = new java.util.ArrayList<>();
    for (String p : v.split(",", -1)) {
      int n;
      try {
        n = Integer.parseInt(p.trim());
      } catch (NumberFormatException e) {
        throw new UserException(option + " '" + v + "': '" + p + "' is not a number; give one lane count per layer"
            + " (e.g. 16,2), one number for every layer, or 'all'");
      }
      if (n < 1) {
        throw new UserException(option + " '" + v + "': " + n + " lanes; every per-layer count must be at least 1");
      }
      counts.add(n);
    }
    return counts;
  }
}
