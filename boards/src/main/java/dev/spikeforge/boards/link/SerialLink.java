package dev.spikeforge.boards.link;

import java.time.Duration;

/**
 * A byte pipe to a board: a serial port ({@link TtySerialLink}) or a simulated board
 * ({@code dev.spikeforge.boards.sim.SimulatedSerialLink}).
 */
public interface SerialLink extends AutoCloseable {
  /** Sends all of {@code data}. */
  void write(byte[] data);

  /**
   * Reads what has arrived, up to {@code buffer.length} bytes, waiting up to {@code timeout} for the
   * first one. A simulated link measures the timeout in simulated time.
   *
   * @return the number of bytes read, 0 if none arrived in time
   */
  int read(byte[] buffer, Duration timeout);

  /** What this link is connected to, for messages (e.g. "/dev/ttyUSB1 at 115200 baud"). */
  String describe();

  @Override
  void close();
}
