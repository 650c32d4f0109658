package dev.spikeforge.flow;

/**
 * The one bound on a request's thread count: {@code --threads 2147483647} used to end in an
 * OutOfMemoryError stack trace (a worker's buffers per thread); now it is a clear error.
 */
final class ThreadCount {
  /** Most threads (or simulator processes) any request takes. */
  static final int MAX = 256;

  private ThreadCount() {}

  /** Checks an optional thread count (null: all cores). */
  static void check(Integer threads) {
    ConfigException.require(threads == null || threads >= 1 && threads <= MAX, "threads",
        "must be in 1.." + MAX + ", got " + threads);
  }
}
