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
}
