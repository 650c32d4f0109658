package dev.spikeforge.boards.flow;

/**
 * The FPGA flow cannot go on: bad input (no Verilog, unknown top, a port without a pin) or a tool
 * that failed. The message says what and, for a tool, names the command and the log with its tail.
 */
public class FlowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FlowException(String message) {
    super(message);
  }

  public FlowException(String message, Throwable cause) {
    super(message, cause);
  }
}
