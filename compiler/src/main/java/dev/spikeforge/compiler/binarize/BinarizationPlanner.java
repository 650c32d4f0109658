package dev.spikeforge.compiler.binarize;

import dev.spikeforge.compiler.quantize.QuantizationConfig;
import dev.spikeforge.compiler.quantize.Quantizer;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The accuracy-loss estimator that decides which layers to binarize (the ALBSNN idea, in a
 * post-training form). For each DENSE layer it measures the validation accuracy of the quantized
 * integer network with only that layer binarized; layers are then taken greedily in order of
 * accuracy lost per bit saved, each addition checked by measuring the combined plan, until the
 * constraint is met:
 *
 * <ul>
 *   <li>{@link Constraint#maxLossPoints}: keep adding while the measured loss stays within the
 *       tolerance;
 *   <li>{@link Constraint#memoryFraction}: add until the weight memory is at most that fraction of
 *       the all-multi-bit memory (then report the loss).
 * </ul>
 *
 * Accuracy is measured on the integer golden model, so the estimate includes quantization.
 * Fine-tuning binarized layers with a straight-through estimator is the trainer's job; this planner
 * is read-only with respect to weights.
 */
public final class BinarizationPlanner {
  private BinarizationPlanner() {}

  /** What the plan must satisfy; exactly one of the two is set. */
  public record Constraint(Double maxLossPoints, Double memoryFraction) {
    public Constraint {
      if ((maxLossPoints == null) == (memoryFraction == null)) {
        throw new IllegalArgumentException("give either an accuracy tolerance or a memory budget, not both or neither");
      }
      if (maxLossPoints != null && !(maxLossPoints >= 0)) {
        throw new IllegalArgumentException("accuracy tolerance must be >= 0 points, got " + maxLossPoints);
      }
      if (memoryFraction != null && !(memoryFraction > 0 && memoryFraction <= 1)) {
        throw new IllegalArgumentException("memory budget must be a fraction in (0, 1], got " + memoryFraction);
      }
    }

    public static Constraint tolerance(double points) {
      return new Constraint(points, null);
    }

    public static Constraint budget(double fraction) {
      return new Constraint(null, fraction);
    }
  }

  public static BinarizationPlan plan(FloatNetwork net, Set<String> candidates, Dataset validation,
      SpikeEncoder encoder, QuantizationConfig config, Constraint constraint, int threads) {
    for (String c : candidates) {
      FloatLayer l = net.layers().stream().filter(x -> x.name().equals(c)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no layer named '" + c + "' in network '" + net.name() + "'"));
      if (l.kind() != LayerKind.DENSE) {
        throw new IllegalArgumentException("layer '" + c + "' is already BINARIZED");
      }
    }
    java.util.Map<String, Double> approx = new java.util.HashMap<>();
    for (FloatLayer l : net.layers()) {
      approx.put(l.name(), Binarize.approximationError(l));
    }
    return plan(layers -> Quantizer.quantize(Binarize.network(net, layers), config),
        net.layers().stream().map(FloatLayer::name).toList(), approx, candidates, validation, encoder, constraint,
        threads);
  }

  /**
   * The same estimator on an integer network: a layer is binarized in the integer domain ({@link
   * Binarize#intNetwork}: sign weights, threshold θ/α rounded), which is exactly the starting point
   * of fine-tuning that network with {@code spikeforge train --precision int --init}; so the estimate
   * of a layer is the accuracy fine-tuning starts from.
   */
  public static BinarizationPlan plan(NetworkSpec net, Set<String> candidates, Dataset validation,
      SpikeEncoder encoder, Constraint constraint, int threads) {
    java.util.Map<String, Double> approx = new java.util.HashMap<>();
    for (var l : net.layers()) {
      if (candidates.contains(l.name()) && l.kind() != LayerKind.DENSE) {
        throw new IllegalArgumentException("layer '" + l.name() + "' is already BINARIZED");
      }
      approx.put(l.name(), Binarize.approximationError(dev.spikeforge.golden.network.FloatLayer.of(l)));
    }
    for (String c : candidates) {
      if (!approx.containsKey(c)) {
        throw new IllegalArgumentException("no layer named '" + c + "' in network '" + net.name() + "'");
      }
    }
    return plan(layers -> Binarize.intNetwork(net, layers), net.layers().stream().map(l -> l.name()).toList(), approx,
        candidates, validation, encoder, constraint, threads);
  }

  private static BinarizationPlan plan(java.util.function.Function<Set<String>, NetworkSpec> build, List<String> names,
      java.util.Map<String, Double> approx, Set<String> candidates, Dataset validation, SpikeEncoder encoder,
      Constraint constraint, int threads) {
    NetworkSpec base = build.apply(Set.of());
    double baseAcc = accuracy(base, validation, encoder, threads);
    long baseBits = base.weightBits();
    List<BinarizationPlan.LayerScore> scores = new ArrayList<>();
    for (String name : names) {
      if (!candidates.contains(name)) {
        continue;
      }
      NetworkSpec alone = build.apply(Set.of(name));
      long dense = base.layers().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow().weightBits();
      long binary = alone.layers().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow().weightBits();
      scores.add(new BinarizationPlan.LayerScore(name, dense, binary, approx.get(name),
          accuracy(alone, validation, encoder, threads)));
    }
    List<BinarizationPlan.LayerScore> order = new ArrayList<>(scores);
    order.sort(Comparator.comparingDouble((BinarizationPlan.LayerScore s) ->
        (baseAcc - s.accuracyAlone()) / Math.max(1, s.denseBits() - s.binaryBits()))
        .thenComparing(BinarizationPlan.LayerScore::layer));
    Set<String> chosen = new LinkedHashSet<>();
    double acc = baseAcc;
    long bits = baseBits;
    for (BinarizationPlan.LayerScore s : order) {
      if (constraint.memoryFraction() != null && bits <= constraint.memoryFraction() * baseBits) {
        break;
      }
      Set<String> trial = new LinkedHashSet<>(chosen);
      trial.add(s.layer());
      NetworkSpec q = build.apply(trial);
      double a = accuracy(q, validation, encoder, threads);
      if (constraint.maxLossPoints() != null && 100 * (baseAcc - a) > constraint.maxLossPoints()) {
        continue;
      }
      chosen = trial;
      acc = a;
      bits = q.weightBits();
    }
    return new BinarizationPlan(List.copyOf(chosen), baseAcc, acc, baseBits, bits, scores);
  }

  private static double accuracy(NetworkSpec net, Dataset d, SpikeEncoder enc, int threads) {
    return Evaluator.evaluate(net, d, enc, threads, null).accuracy();
  }
}
