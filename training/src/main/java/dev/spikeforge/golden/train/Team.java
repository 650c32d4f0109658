package dev.spikeforge.golden.train;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads that execute one task together, many thousand times per second: the
 * caller is worker 0, helper threads are workers 1..n−1. {@link #run} returns when every worker has
 * finished the task, so consecutive runs are separated by a full barrier; inside a task the workers
 * meet at {@link #sync} (every worker must call it equally often in one task). Between tasks the
 * helpers busy-wait for up to {@value #SPIN_NANOS} ns (training samples follow each other within
 * microseconds), then park until the next task. Each worker's barrier counter has a cache line of
 * its own.
 *
 * <p>Results never depend on the team size as long as each task writes disjoint data per worker
 * and every reduction has a fixed order; the trainers are written that way.
 */
final class Team implements AutoCloseable {
  /** Work of one worker in one run. */
  interface Task {
    void run(int worker);
  }

  /** How long an idle helper busy-waits before parking. */
  static final long SPIN_NANOS = 200_000L;
  /** How long the caller busy-waits for the helpers before it blocks. */
  static final long PARK_AFTER_NANOS = 50_000L;

  /** Longs between two workers' barrier counters in {@link #arrived}: two cache lines. */
  private static final int PAD = 16;

  private final int size;
  private final Thread[] helpers;
  /** {@code arrived[w·PAD]}: the number of {@link #sync} calls worker w has reached in this run. */
  private final AtomicLongArray arrived;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile Task task;
  private volatile Thread caller;
  private volatile long generation;
  private volatile Throwable failure;
  private volatile boolean closed;

  /** A team of {@code size} ≥ 1 workers (the caller included). */
  Team(int size, String name) {
    if (size < 1) {
      throw new IllegalArgumentException("team size must be at least 1, got " + size);
    }
    this.size = size;
    this.helpers = new Thread[size - 1];
    this.arrived = new AtomicLongArray(size * PAD);
    for (int k = 1; k < size; k++) {
      int worker = k;
      Thread th = new Thread(() -> helperLoop(worker), name + "-" + k);
      th.setDaemon(true);
      helpers[k - 1] = th;
      th.start();
    }
  }

  int size() {
    return size;
  }

  /** Runs {@code t} on every worker and waits for all; rethrows the first failure. */
  void run(Task t) {
    if (size == 1) {
      t.run(0);
      return;
    }
    if (closed) {
      throw new IllegalStateException("team is closed");
    }
    failure = null;
    caller = Thread.currentThread();
    for (int w = 0; w < size; w++) {
      arrived.set(w * PAD, 0);
    }
    task = t;
    pending.set(size - 1);
    generation = generation + 1;
    for (Thread h : helpers) {
      LockSupport.unpark(h);
    }
    try {
      t.run(0);
    } catch (Abandoned e) {
      // a helper's failure is reported
    } catch (Throwable e) {
      failure = e;
    }
    if (pending.get() != 0) {
      long start = System.nanoTime();
      int spins = 0;
      while (pending.get() != 0) {
        // busy-wait while the helpers are likely running; block if one of them is not (a busy
        // machine): the last helper to finish unparks the caller
        if ((++spins & 255) == 0 && System.nanoTime() - start > PARK_AFTER_NANOS) {
          LockSupport.parkNanos(this, 200_000L);
        }
      }
    }
    Throwable f = failure;
    if (f != null) {
      if (f instanceof RuntimeException re) {
        throw re;
      }
      if (f instanceof Error er) {
        throw er;
      }
      throw new IllegalStateException(f);
    }
  }

  /**
   * A barrier inside a task: returns when every worker has called {@code sync} as often as worker
   * {@code worker} now has. Busy-waits for up to {@value #SPIN_NANOS} ns, then polls every
   * {@value #POLL_NANOS} ns (a busy machine: the other worker is not running). If another worker
   * failed, throws (the failure itself is reported by {@link #run}).
   */
  void sync(int worker) {
    if (size == 1) {
      return;
    }
    long mine = arrived.get(worker * PAD) + 1;
    arrived.set(worker * PAD, mine);
    for (int w = 0; w < size; w++) {
      if (w == worker || arrived.get(w * PAD) >= mine) {
        continue;
      }
      long start = System.nanoTime();
      int spins = 0;
      while (arrived.get(w * PAD) < mine) {
        if ((++spins & 255) == 0) {
          if (failure != null) {
            throw new Abandoned();
          }
          if (System.nanoTime() - start > SPIN_NANOS) {
            LockSupport.parkNanos(this, POLL_NANOS);
          }
        }
      }
    }
  }

  /** How long a worker waiting in {@link #sync} sleeps between polls once its spin is over. */
  static final long POLL_NANOS = 20_000L;

  /** Thrown inside {@link #sync} when another worker failed: unwinds this worker's task. */
  private static final class Abandoned extends RuntimeException {
    Abandoned() {
      super(null, null, false, false);
    }
  }

  /*
   * The waits deliberately do not call Thread.onSpinWait(): on KVM guests (this project's benchmark
   * machine) its PAUSE instruction triggers pause-loop exits that deschedule the waiting vCPU, which
   * made every hand-off about a millisecond.
   */
  private void helperLoop(int worker) {
    long seen = 0;
    while (true) {
      long start = System.nanoTime();
      int spins = 0;
      while (generation == seen && !closed) {
        if ((++spins & 1023) == 0 && System.nanoTime() - start > SPIN_NANOS) {
          LockSupport.parkNanos(this, 10_000_000L);
        }
      }
      if (closed) {
        return;
      }
      seen = generation;
      try {
        task.run(worker);
      } catch (Abandoned e) {
        // another worker's failure is reported
      } catch (Throwable e) {
        failure = e;
      }
      if (pending.decrementAndGet() == 0) {
        LockSupport.unpark(caller);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread h : helpers) {
      LockSupport.unpark(h);
    }
  }
}
