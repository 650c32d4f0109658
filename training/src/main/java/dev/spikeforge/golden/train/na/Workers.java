package dev.spikeforge.golden.train.na;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fixed thread pool that splits a loop over neurons into one contiguous range per worker; the
 * caller runs range 0. Every task writes only the rows of its own range, so results do not depend on
 * the number of workers.
 */
final class Workers implements AutoCloseable {
  /** Work on neurons {@code from} (inclusive) to {@code to} (exclusive) by worker {@code worker}. */
  interface RangeTask {
    void run(int worker, int from, int to);
  }

  private final int size;
  private final ExecutorService pool;

  Workers(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + size);
    }
    this.size = size;
    this.pool = size == 1 ? null : Executors.newFixedThreadPool(size - 1, r -> {
      Thread t = new Thread(r, "na-worker");
      t.setDaemon(true);
      return t;
    });
  }

  int size() {
    return size;
  }

  /** Runs {@code task} over {@code 0..n−1} split into {@link #size()} ranges and waits for all of them. */
  void forRanges(int n, RangeTask task) {
    int w = Math.min(size, n);
    if (w <= 1) {
      task.run(0, 0, n);
      return;
    }
    List<Future<?>> fs = new ArrayList<>(w - 1);
    for (int k = 1; k < w; k++) {
      int worker = k;
      fs.add(pool.submit(() -> task.run(worker, worker * n / w, (worker + 1) * n / w)));
    }
    RuntimeException first = null;
    try {
      task.run(0, 0, n / w);
    } catch (RuntimeException e) {
      first = e;
    }
    for (Future<?> f : fs) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("NA training interrupted", e);
      } catch (ExecutionException e) {
        if (first == null) {
          first = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
