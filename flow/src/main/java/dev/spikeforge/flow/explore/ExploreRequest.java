package dev.spikeforge.flow.explore;

import java.nio.file.Path;

/**
 * What {@code spikeforge explore} takes: the sweep file, the output directory and the worker threads.
 *
 * @param sweep       the sweep description ({@code spikeforge.sweep} JSON)
 * @param outDir      the output directory: {@code pareto.json}, {@code pareto.csv}, plots, {@code points/} (the
 *                    cache a rerun or a resumed sweep reads back), {@code model/}, {@code real/}
 * @param threads     threads of the golden-model runs; 0 for all cores
 * @param cycleImages test images the cycle model runs on per point (the first ones; at most the sweep's
 *                    test images)
 * @param noReal      estimates only, whatever the sweep's {@code synthesis} says
 */
public record ExploreRequest(Path sweep, Path outDir, int threads, int cycleImages, boolean noReal) {
  /** Test images of the cycle model by default. */
  public static final int DEFAULT_CYCLE_IMAGES = 200;

  public ExploreRequest {
    SweepException.require(sweep != null, "sweep", "is missing; give a sweep file such as examples/sweeps/tiny.json");
    SweepException.require(outDir != null, "outDir", "is missing; give an output directory (-o DIR)");
    SweepException.require(threads >= 0 && threads <= 1024, "threads", "must be 0 (all cores) or 1..1024, got " + threads);
    SweepException.require(cycleImages >= 1, "cycleImages", "must be at least 1, got " + cycleImages);
  }

  /** {@code sweep} into {@code outDir} on all cores. */
  public static ExploreRequest of(Path sweep, Path outDir) {
    return new ExploreRequest(sweep, outDir, 0, DEFAULT_CYCLE_IMAGES, false);
  }

  /** The same on {@code n} threads. */
  public ExploreRequest withThreads(int n) {
    return new ExploreRequest(sweep, outDir, n, cycleImages, noReal);
  }

  /** The same, estimates only. */
  public ExploreRequest estimatesOnly() {
    return new ExploreRequest(sweep, outDir, threads, cycleImages, true);
  }

  int threadCount() {
    return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }
}
