package dev.spikeforge.testbenches;

/** A simulator or harness build failed; the message names the command, the log and its tail. */
public final class SimulationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SimulationException(String message) {
    super(message);
  }

  public SimulationException(String message, Throwable cause) {
    super(message, cause);
  }
}
