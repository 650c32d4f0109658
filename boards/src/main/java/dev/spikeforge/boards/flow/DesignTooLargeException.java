package dev.spikeforge.boards.flow;

import java.util.List;
import java.util.Locale;

/**
 * The synthesised design needs more of some resource than the part (or the package's pins) offers;
 * found from Yosys' statistics before place and route. The message lists each overflow: what,
 * needed, available and by how much it is over.
 */
public final class DesignTooLargeException extends FlowException {
  private static final long serialVersionUID = 1L;
  private final transient List<ResourceUse> overflows;

  public DesignTooLargeException(String design, String part, List<ResourceUse> overflows) {
    super(message(design, part, overflows));
    this.overflows = List.copyOf(overflows);
  }

  /** A design refused with a message already written (e.g. by {@link FitCheck}). */
  public DesignTooLargeException(String message, List<ResourceUse> overflows) {
    super(message);
    this.overflows = List.copyOf(overflows);
  }

  /** The resources that overflow. */
  public List<ResourceUse> overflows() {
    return overflows;
  }

  private static String message(String design, String part, List<ResourceUse> overflows) {
    StringBuilder sb = new StringBuilder();
    sb.append("design ").append(design).append(" does not fit ").append(part).append(':');
    for (ResourceUse r : overflows) {
      long over = r.used() - r.available();
      sb.append(String.format(Locale.ROOT, "%n  %s: needs %,d, %s has %,d (over by %,d, %.1f %%) [%s]",
          r.name(), r.used(), part, r.available(), over, 100.0 * over / Math.max(1, r.available()), r.source()));
    }
    sb.append(String.format("%nReduce the design (fewer neurons or lanes, narrower widths) or choose a larger part."));
    return sb.toString();
  }
}
