package dev.spikeforge.boards.sim;

/** A simulator build or run failed; the message names the command, the log and its tail. */
public final class SimulatorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SimulatorException(String message) {
    super(message);
  }

  public SimulatorException(String message, Throwable cause) {
    super(message, cause);
  }
}
