package dev.spikeforge.boards.sim;

import dev.spikeforge.simkit.SimulationException;
import java.util.List;

/**
 * A running pin-level simulation. Cycle n is the n-th rising clock edge (from 0). A value driven
 * before {@link #runUntil}(n) is sampled by the design at edge {@link #cycle()} and after; an output
 * change reported with cycle n appeared right after edge n. The first edge reports every output.
 */
public interface PinSession extends AutoCloseable {
  /** A watched output took {@code value} right after rising edge {@code cycle}. */
  record Change(long cycle, String port, long value) {}

  /** Edges simulated so far (the next edge's number). */
  long cycle();

  /** Sets input {@code port} from the next edge on. */
  void drive(String port, long value);

  /**
   * Simulates edges until {@link #cycle()} equals {@code cycle}.
   *
   * @return the output changes in that window, in order
   * @throws SimulationException if the simulator fails or an output is X or Z
   */
  List<Change> runUntil(long cycle);

  /** Ends the simulator process. */
  @Override
  void close();
}
