package dev.spikeforge.golden.train.na;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that determines an NA run's bits (docs/learning.md Part V §1).
 *
 * @param sizes the architecture, input size then layer sizes, e.g. {@code {784, 128, 10}}
 * @param timesteps T, steps per sample
 * @param leakShift k of the membrane leak {@code λ = 1 − 2^−k}, 1..15
 * @param neighbours K: the neighbourhood of a membrane value holds the 2K kicks {@code ±h, ±2h, …, ±Kh}
 * @param step h, the spacing of the kicks, in thresholds
 * @param logitScale β: the loss is the cross-entropy of the logits {@code β·c_k} (c_k: spike counts)
 * @param learningRate Adam's step size α of the first epoch
 * @param lrDecay γ: in epoch e (0-based) the step size is {@code α / (1 + γ·e)}
 * @param batch samples per weight update
 * @param seed seed of the Kaiming-normal initialisation
 */
public record NaConfig(int[] sizes, int timesteps, int leakShift, int neighbours, double step, double logitScale,
    double learningRate, double lrDecay, int batch, long seed) {
  /** Default T: the desire rule's, 20 steps. */
  public static final int DEFAULT_TIMESTEPS = 20;
  /** Default leak shift: λ = 0.75, as desire backpropagation and OTTT. */
  public static final int DEFAULT_LEAK_SHIFT = 2;
  /** Default K (the best of K, h = 4, 1/4; 8, 1/8; 4, 1/2 on 10,000 Fashion-MNIST images, docs/benchmarks.md). */
  public static final int DEFAULT_NEIGHBOURS = 8;
  /** Default h (thresholds): the neighbourhood reaches Kh = 1 threshold either side. */
  public static final double DEFAULT_STEP = 0.125;
  /** Default β: a logit step of 1/2 per output spike. */
  public static final double DEFAULT_LOGIT_SCALE = 0.5;
  /** Default Adam step size. */
  public static final double DEFAULT_LEARNING_RATE = 1e-3;
  /**
   * Default γ: the step size falls as α / (1 + 0.3·e), to α/5.2 in the 15th epoch (docs/benchmarks.md, "NA beats
   * desire backpropagation by 2.6 points": the constant step swung ±1.5 points from epoch to epoch).
   */
  public static final double DEFAULT_LR_DECAY = 0.3;
  /** Default minibatch. */
  public static final int DEFAULT_BATCH = 16;

  public NaConfig {
    sizes = sizes.clone();
    if (sizes.length < 2) {
      throw new IllegalArgumentException("an NA network has at least one layer: sizes " + Arrays.toString(sizes));
    }
    for (int s : sizes) {
      if (s < 1) {
        throw new IllegalArgumentException("layer sizes must be positive: " + Arrays.toString(sizes));
      }
    }
    check(timesteps >= 1 && timesteps <= 1024, "timesteps must be in 1..1024, got " + timesteps);
    check(leakShift >= 1 && leakShift <= 15, "leakShift must be in 1..15, got " + leakShift);
    check(neighbours >= 1 && neighbours <= 16, "neighbours must be in 1..16, got " + neighbours);
    check(step > 0 && step <= 4 && Double.isFinite(step), "step must be in (0, 4] thresholds, got " + step);
    check(logitScale > 0 && logitScale <= 16, "logitScale must be in (0, 16], got " + logitScale);
    check(learningRate > 0 && learningRate <= 1, "learningRate must be in (0, 1], got " + learningRate);
    check(lrDecay >= 0 && lrDecay <= 100, "lrDecay must be in 0..100, got " + lrDecay);
    check(batch >= 1 && batch <= 4096, "batch must be in 1..4096, got " + batch);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** The defaults for {@code sizes}. */
  public static NaConfig defaults(int[] sizes, long seed) {
    return new NaConfig(sizes, DEFAULT_TIMESTEPS, DEFAULT_LEAK_SHIFT, DEFAULT_NEIGHBOURS, DEFAULT_STEP,
        DEFAULT_LOGIT_SCALE, DEFAULT_LEARNING_RATE, DEFAULT_LR_DECAY, DEFAULT_BATCH, seed);
  }

  @Override
  public int[] sizes() {
    return sizes.clone();
  }

  /** Number of layers. */
  public int layers() {
    return sizes.length - 1;
  }

  /** The membrane leak λ. */
  public double leak() {
    return 1.0 - Math.scalb(1.0, -leakShift);
  }

  public NaConfig withTimesteps(int t) {
    return new NaConfig(sizes, t, leakShift, neighbours, step, logitScale, learningRate, lrDecay, batch, seed);
  }

  public NaConfig withNeighbourhood(int k, double h) {
    return new NaConfig(sizes, timesteps, leakShift, k, h, logitScale, learningRate, lrDecay, batch, seed);
  }

  public NaConfig withLogitScale(double b) {
    return new NaConfig(sizes, timesteps, leakShift, neighbours, step, b, learningRate, lrDecay, batch, seed);
  }

  public NaConfig withLearningRate(double a) {
    return new NaConfig(sizes, timesteps, leakShift, neighbours, step, logitScale, a, lrDecay, batch, seed);
  }

  public NaConfig withLrDecay(double g) {
    return new NaConfig(sizes, timesteps, leakShift, neighbours, step, logitScale, learningRate, g, batch, seed);
  }

  /** Adam's step size in epoch {@code e} (0-based): {@code α / (1 + γ·e)}. */
  public double learningRate(int e) {
    return learningRate / (1 + lrDecay * e);
  }

  public NaConfig withBatch(int b) {
    return new NaConfig(sizes, timesteps, leakShift, neighbours, step, logitScale, learningRate, lrDecay, b, seed);
  }

  /** The run's description for checkpoints and metrics (JSON-friendly values). */
  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", "na");
    m.put("precision", "float");
    m.put("arch", Arrays.stream(sizes).boxed().toList());
    m.put("timesteps", timesteps);
    m.put("leakShift", leakShift);
    m.put("neighbours", neighbours);
    m.put("step", step);
    m.put("logitScale", logitScale);
    m.put("learningRate", learningRate);
    m.put("lrDecay", lrDecay);
    m.put("batch", batch);
    m.put("seed", seed);
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NaConfig c && Arrays.equals(c.sizes, sizes) && c.timesteps == timesteps
        && c.leakShift == leakShift && c.neighbours == neighbours && Double.compare(c.step, step) == 0
        && Double.compare(c.logitScale, logitScale) == 0 && Double.compare(c.learningRate, learningRate) == 0
        && Double.compare(c.lrDecay, lrDecay) == 0 && c.batch == batch && c.seed == seed;
  }

  @Override
  public int hashCode() {
    return List.of(Arrays.hashCode(sizes), timesteps, leakShift, neighbours, step, logitScale, learningRate, lrDecay,
        batch, seed).hashCode();
  }

  @Override
  public String toString() {
    return describe().toString();
  }
}
