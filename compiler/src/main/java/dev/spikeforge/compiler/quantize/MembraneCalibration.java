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
 * Membrane-width calibration: the narrowest membrane width whose integer golden model classifies a
 * calibration set within a tolerance of the widest one.
 *
 * <p>Why: the automatic width ({@link MembraneWidthRule}) guarantees that the threshold plus the
 * largest single-step input never saturates, which for a 784-input layer of 4-bit weights is 14
 * bits; a trained network's membranes stay far below that bound, and the golden model (and the
 * hardware, its twin) saturates the rare excursions. Every membrane bit costs a few logic cells per
 * lane in the neuron pipeline and one bit per neuron in the membrane memory, which is what decides
 * whether a network fits an iCE40 UP5K. The choice is measured, not assumed: widths are tried from
 * {@code widest} downwards and the search stops at the first width whose accuracy falls more than
 * {@code tolerance} below the widest width's accuracy (or that cannot hold a threshold); the width
 * before it is chosen. Deterministic: same inputs, same choice.
 */
public final class MembraneCalibration {
  private MembraneCalibration() {}

  /** One tried width and its calibration accuracy (NaN and a reason if the width was refused). */
  public record Trial(int bits, double accuracy, String refused) {}

  /** The chosen width, the quantization config and network at that width, and every trial. */
  public record Result(int chosen, QuantizationConfig config, NetworkSpec network, double reference,
      double tolerance, List<Trial> trials, int samples) {
    /** e.g. {@code membrane-width calibration on 2000 images (keep the narrowest within 0.20 points of 82.75 %): 16 bits 82.75 %, ...}. */
    public String describe() {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
          "membrane-width calibration on %d images (keep the narrowest within %.2f points of %.2f %%):", samples,
          100 * tolerance, 100 * reference));
      for (Trial t : trials) {
        sb.append(String.format(Locale.ROOT, "%n  %2d bits  %s%s", t.bits(),
            t.refused() != null ? "refused (" + t.refused() + ")" : String.format(Locale.ROOT, "%6.2f %%", 100 * t.accuracy()),
            t.bits() == chosen ? "  <- chosen" : ""));
      }
      return sb.append('\n').toString();
    }

    /** The chosen width's accuracy on the calibration set. */
    public double chosenAccuracy() {
      return trials.stream().filter(t -> t.bits() == chosen).findFirst().orElseThrow().accuracy();
    }
  }

  /**
   * Calibrates the membrane width of every layer of {@code net} quantized with {@code base} (its
   * scale strategy and weight widths are kept; per-layer membrane overrides are not allowed).
   *
   * @param widest the reference width, tried first (at most {@code NeuronSpec.MAX_MEMBRANE_WIDTH})
   * @param tolerance largest accepted accuracy loss against {@code widest}, as a fraction (0.002 = 0.2 points)
   * @throws SpecException if {@code widest} itself cannot quantize the network
   */
  public static Result calibrate(FloatNetwork net, QuantizationConfig base, int widest, double tolerance,
      Dataset calibration, SpikeEncoder encoder, int threads) {
    Objects.requireNonNull(net, "net");
    Objects.requireNonNull(base, "base");
    if (!base.membraneWidthOverrides().isEmpty()) {
      throw new IllegalArgumentException("membrane-width calibration sets every layer's width; drop the overrides "
          + base.membraneWidthOverrides().keySet());
    }
    if (!(tolerance >= 0 && tolerance < 1)) {
      throw new IllegalArgumentException("tolerance must be in [0, 1), got " + tolerance);
    }
    List<Trial> trials = new ArrayList<>();
    QuantizationConfig bestConfig = base.withMembraneWidth(MembraneWidth.fixed(widest));
    NetworkSpec bestNet = Quantizer.quantize(net, bestConfig);
    double reference = Evaluator.evaluate(bestNet, calibration, encoder, threads, null).accuracy();
    trials.add(new Trial(widest, reference, null));
    int chosen = widest;
    for (int bits = widest - 1; bits >= 2; bits--) {
      QuantizationConfig qc = base.withMembraneWidth(MembraneWidth.fixed(bits));
      NetworkSpec q;
      try {
        q = Quantizer.quantize(net, qc);
      } catch (SpecException e) {
        trials.add(new Trial(bits, Double.NaN, e.getMessage()));
        break;
      }
      double acc = Evaluator.evaluate(q, calibration, encoder, threads, null).accuracy();
      trials.add(new Trial(bits, acc, null));
      if (reference - acc > tolerance + 1e-12) { // accuracies are k/n: no rounding flip at the boundary
        break;
      }
      chosen = bits;
      bestConfig = qc;
      bestNet = q;
    }
    return new Result(chosen, bestConfig, bestNet, reference, tolerance, trials, calibration.size());
  }
}
