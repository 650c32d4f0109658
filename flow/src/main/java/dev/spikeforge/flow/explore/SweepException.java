package dev.spikeforge.flow.explore;

/**
 * A sweep description that cannot be explored: names the field (a dotted path such as
 * {@code axes.weightBits[2]}) and says what would fix it. Nothing is written when one is thrown while reading.
 */
public final class SweepException extends IllegalArgumentException {
  private final String field;
  private final String problem;

  SweepException(String field, String problem) {
    super(field + " " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The offending field, e.g. {@code axes.lanes} or {@code constraints[1]}. */
  public String field() {
    return field;
  }

  /** The problem and its fix, without the field name. */
  public String problem() {
    return problem;
  }

  static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new SweepException(field, problem);
    }
  }
}
