package dev.spikeforge.compiler.quantize;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.SpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Scale calibration: quantizes a float network with each candidate {@link ScaleStrategy} and keeps
 * the one whose integer golden model classifies a calibration set best. The calibration set must not
 * be the set the accuracy is reported on (the CLI takes it from the training split), otherwise the
 * choice would be fitted to the test set.
 *
 * <p>Why it helps at low widths: MAX_ABS spends the few codes of a 4-bit weight (−7..7) on the
 * largest weight, so most weights of a trained layer round to 0 or ±1; clipping the largest
 * fraction of a percent (PERCENTILE) gives every other weight finer steps. Which percentile is best
 * depends on the network, hence the measurement. Deterministic: same inputs, same choice (ties go to
 * the earlier candidate; the default list starts with MAX_ABS).
 */
public final class Calibration {
  private Calibration() {}

  /** The default candidates: MAX_ABS, then percentiles from light to heavy clipping. */
  public static final List<ScaleStrategy> DEFAULT_CANDIDATES = List.of(ScaleStrategy.maxAbs(),
      ScaleStrategy.percentile(99.99), ScaleStrategy.percentile(99.95), ScaleStrategy.percentile(99.9),
      ScaleStrategy.percentile(99.8), ScaleStrategy.percentile(99.5), ScaleStrategy.percentile(99.0),
      ScaleStrategy.percentile(98.0), ScaleStrategy.percentile(97.0), ScaleStrategy.percentile(95.0));

  /** One candidate and its calibration accuracy (NaN if this strategy cannot quantize the network). */
  public record Trial(ScaleStrategy strategy, double accuracy, String refused) {}

  /** The chosen strategy, its config and network, and every trial. */
  public record Result(ScaleStrategy chosen, QuantizationConfig config, NetworkSpec network, List<Trial> trials,
      int samples) {
    /** e.g. {@code calibration on 2000 images: MAX_ABS 71.20 %, PERCENTILE(99.9) 80.15 % <- chosen, ...}. */
    public String describe() {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "scale calibration on %d images:", samples));
      for (Trial t : trials) {
        sb.append(String.format(Locale.ROOT, "%n  %-18s %s%s", t.strategy(),
            t.refused() != null ? "refused (" + t.refused() + ")" : String.format(Locale.ROOT, "%6.2f %%", 100 * t.accuracy()),
            t.strategy().equals(chosen) ? "  <- chosen" : ""));
      }
      return sb.append('\n').toString();
    }

    /** The chosen strategy's accuracy on the calibration set. */
    public double chosenAccuracy() {
      return trials.stream().filter(t -> t.strategy().equals(chosen)).findFirst().orElseThrow().accuracy();
    }
  }

  /**
   * Calibrates {@code base}'s scale strategy for {@code net} on {@code calibration}.
   *
   * @throws SpecException if no candidate can quantize the network (the first candidate's error)
   */
  public static Result calibrate(FloatNetwork net, QuantizationConfig base, List<ScaleStrategy> candidates,
      Dataset calibration, SpikeEncoder encoder, int threads) {
    Objects.requireNonNull(net, "net");
    Objects.requireNonNull(base, "base");
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no scale strategies to calibrate");
    }
    List<Trial> trials = new ArrayList<>();
    SpecException first = null;
    Trial best = null;
    QuantizationConfig bestConfig = null;
    NetworkSpec bestNet = null;
    for (ScaleStrategy s : candidates) {
      QuantizationConfig qc = base.withScaleStrategy(s);
      NetworkSpec q;
      try {
        q = Quantizer.quantize(net, qc);
      } catch (SpecException e) {
        first = first == null ? e : first;
        trials.add(new Trial(s, Double.NaN, e.getMessage()));
        continue;
      }
      double acc = Evaluator.evaluate(q, calibration, encoder, threads, null).accuracy();
      Trial t = new Trial(s, acc, null);
      trials.add(t);
      if (best == null || acc > best.accuracy()) {
        best = t;
        bestConfig = qc;
        bestNet = q;
      }
    }
    if (best == null) {
      throw first;
    }
    return new Result(best.strategy(), bestConfig, bestNet, trials, calibration.size());
  }
}
