package dev.spikeforge.cli;

/** The parsing of {@code spikeforge compile}'s numeric-or-word option values ({@code --lanes all}). */
final class CompileOptions {
  private CompileOptions() {}

  /** {@code v} as a number, or {@code wordValue} for {@code word}. */
  static int parse(String v, String word, int wordValue, String option) {
    if (v.equals(word)) {
      return wordValue;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UserException(option + " must be a number or '" + word + "', not '" + v + "'");
    }
  }
}
