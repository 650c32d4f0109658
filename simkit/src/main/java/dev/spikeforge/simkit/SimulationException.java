package dev.spikeforge.simkit;

/**
 * An external tool run by the kit failed: a simulator or harness build, a simulation, or any command
 * run through {@link ProcessRunner} (start failure, timeout, non-zero exit). The message names the
 * tool and what it was doing and, where there is one, the command, the log and its tail.
 */
public final class SimulationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SimulationException(String message) {
    super(message);
  }

  public SimulationException(String message, Throwable cause) {
    super(message, cause);
  }
}
