package dev.spikeforge.flow.explore;

import dev.spikeforge.boards.Boards;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One constraint of a sweep: {@code METRIC OP NUMBER} ({@code accuracy >= 0.84}, {@code latencyUs < 500})
 * or {@code fits: BOARD} (the point's core fits BOARD's part: weight memories by the fit check, logic cells
 * and block RAMs by the estimate or the real run). A point that breaks one is kept in every output, marked
 * infeasible, and left off the Pareto front.
 *
 * @param text    as written
 * @param metric  the metric compared, or null for {@code fits}
 * @param op      {@code >=}, {@code <=}, {@code >}, {@code <} or {@code ==}; null for {@code fits}
 * @param bound   the number compared against
 * @param board   the board of {@code fits}, or null
 */
public record Constraint(String text, Metric metric, String op, double bound, String board) {
  private static final Pattern COMPARE = Pattern.compile("\\s*([A-Za-z]+)\\s*(>=|<=|==|>|<)\\s*([-+0-9.eE]+)\\s*");
  private static final Pattern FITS = Pattern.compile("\\s*fits\\s*:\\s*([A-Za-z0-9_-]+)\\s*");

  /** Parses {@code s}; {@code field} names it in errors. */
  static Constraint parse(String s, String field) {
    Matcher f = FITS.matcher(s);
    if (f.matches()) {
      SweepException.require(Boards.BUNDLED.contains(f.group(1)), field, "'" + s + "': board '" + f.group(1)
          + "' is unknown; use one of " + String.join(", ", Boards.BUNDLED));
      return new Constraint(s, null, null, 0, f.group(1));
    }
    Matcher m = COMPARE.matcher(s);
    SweepException.require(m.matches(), field, "'" + s + "' is not a constraint; write METRIC OP NUMBER (e.g."
        + " \"accuracy >= 0.84\", OP one of >=, <=, >, <, ==) or \"fits: BOARD\"");
    Metric metric = Metric.byKey(m.group(1));
    SweepException.require(metric != null, field, "'" + s + "': '" + m.group(1) + "' is not a metric; use one of "
        + Metric.keys());
    double bound;
    try {
      bound = Double.parseDouble(m.group(3));
    } catch (NumberFormatException e) {
      throw new SweepException(field, "'" + s + "': '" + m.group(3) + "' is not a number");
    }
    SweepException.require(metric != Metric.ACCURACY || (bound >= 0 && bound <= 1), field,
        "'" + s + "': accuracy is a fraction in [0, 1] (0.84, not 84)");
    return new Constraint(s, metric, m.group(2), bound, null);
  }

  /** Whether {@code value} satisfies this comparison (NaN never does). */
  boolean holds(double value) {
    if (Double.isNaN(value)) {
      return false;
    }
    return switch (op) {
      case ">=" -> value >= bound;
      case "<=" -> value <= bound;
      case ">" -> value > bound;
      case "<" -> value < bound;
      default -> value == bound;
    };
  }

  @Override
  public String toString() {
    return metric == null ? "fits: " + board : String.format(Locale.ROOT, "%s %s %s", metric.key(), op, bound);
  }
}
