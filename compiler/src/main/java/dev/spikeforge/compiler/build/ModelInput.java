package dev.spikeforge.compiler.build;

import dev.spikeforge.compiler.quantize.Calibration;
import dev.spikeforge.compiler.quantize.MembraneCalibration;
import dev.spikeforge.compiler.quantize.MembraneWidth;
import dev.spikeforge.compiler.quantize.QuantizationCheck;
import dev.spikeforge.compiler.quantize.QuantizationConfig;
import dev.spikeforge.compiler.quantize.QuantizationReport;
import dev.spikeforge.compiler.quantize.Quantizer;
import dev.spikeforge.compiler.quantize.ScaleStrategy;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.io.ModelFiles;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The first pass of the compile flow, and the one quantization of a float model every command runs: a
 * model in ({@link ModelFiles#load}: a model file, an npy directory or a training output directory), the
 * integer network out. An integer network ({@code spikeforge.network}) is used as it is; a float model
 * ({@code spikeforge.float-network}, or an npy export) is quantized ({@link Quantizer}, docs/quantization.md)
 * with the given weight and membrane widths and scale rule, and then checked: the float model and the
 * integer network on the calibration slice ({@link QuantizationCheck}).
 */
public final class ModelInput {
  private ModelInput() {}

  /**
   * The integer network, where it came from, and the quantization report (null for an integer
   * input); the scale and membrane-width calibrations when they ran (else null); the float-against-integer
   * check on the calibration slice (null when no calibration slice was given).
   */
  public record Loaded(NetworkSpec network, CompileConfig.SourceModel source, QuantizationReport report,
      FloatNetwork floatNetwork, Calibration.Result calibration, MembraneCalibration.Result membraneCalibration,
      QuantizationCheck check) {
    public Loaded(NetworkSpec network, CompileConfig.SourceModel source, QuantizationReport report) {
      this(network, source, report, null, null, null, null);
    }
  }

  /**
   * How a float model's layer scales are chosen: one {@link ScaleStrategy}, or calibration over
   * candidates on a calibration set ({@link Calibration}); and, when {@code membraneTolerance} is
   * set, whether the membrane width is then narrowed by {@link MembraneCalibration} on the same set.
   * With a calibration set (always for calibration; optional for a fixed strategy) the quantization is
   * checked on it ({@link QuantizationCheck}).
   */
  public record Scaling(ScaleStrategy strategy, List<ScaleStrategy> candidates, Dataset calibration,
      SpikeEncoder encoder, int threads, Double membraneTolerance) {
    /** One fixed strategy, no check. */
    public static Scaling fixed(ScaleStrategy s) {
      return new Scaling(s, null, null, null, 1, null);
    }

    /** One fixed strategy, checked on {@code calibration}. */
    public static Scaling fixed(ScaleStrategy s, Dataset calibration, SpikeEncoder encoder, int threads) {
      return new Scaling(s, null, calibration, encoder, threads, null);
    }

    public static Scaling calibrated(List<ScaleStrategy> candidates, Dataset calibration, SpikeEncoder encoder,
        int threads) {
      return new Scaling(null, candidates, calibration, encoder, threads, null);
    }

    /**
     * The same scale choice, then the narrowest membrane width within {@code tolerance} (a
     * fraction) of the given width's accuracy on {@code calibration}.
     */
    public Scaling withMembraneCalibration(double tolerance, Dataset calibration, SpikeEncoder encoder, int threads) {
      return new Scaling(strategy, candidates, calibration, encoder, threads, tolerance);
    }
  }

  /**
   * Reads {@code file}.
   *
   * @param weightWidth weight width for a float model (ignored for an integer one)
   * @param membraneWidth membrane width for a float model, or null for automatic
   */
  public static Loaded load(Path file, int weightWidth, Integer membraneWidth) {
    return load(file, weightWidth, membraneWidth, Scaling.fixed(ScaleStrategy.maxAbs()));
  }

  /** As {@link #load(Path, int, Integer)}, with the float model's scales chosen by {@code scaling}. */
  public static Loaded load(Path file, int weightWidth, Integer membraneWidth, Scaling scaling) {
    return load(ModelFiles.load(file), weightWidth, membraneWidth, scaling);
  }

  /** A loaded model: an integer one as it is, a float one quantized ({@link #quantize}). */
  public static Loaded load(ModelFiles.Model m, int weightWidth, Integer membraneWidth, Scaling scaling) {
    if (!m.isFloat()) {
      return new Loaded(m.network(), null, null);
    }
    return quantize(m.floatNetwork(), m.format(), m.sha256(), weightWidth, membraneWidth, scaling);
  }

  /**
   * Quantizes {@code fl} (read from a file of {@code format} with hash {@code sha256}) to
   * {@code weightWidth}-bit weights and {@code membraneWidth}-bit membranes (null: automatic) with the scales
   * of {@code scaling}, and checks it on the calibration slice when {@code scaling} has one.
   */
  public static Loaded quantize(FloatNetwork fl, String format, String sha256, int weightWidth, Integer membraneWidth,
      Scaling scaling) {
    QuantizationConfig qc = QuantizationConfig.of(weightWidth)
        .withMembraneWidth(membraneWidth == null ? MembraneWidth.auto() : MembraneWidth.fixed(membraneWidth));
    NetworkSpec net;
    Calibration.Result cal = null;
    Double known = null;
    if (scaling.strategy() != null) {
      qc = qc.withScaleStrategy(scaling.strategy());
      net = Quantizer.quantize(fl, qc);
    } else {
      cal = Calibration.calibrate(fl, qc, scaling.candidates(), scaling.calibration(), scaling.encoder(),
          scaling.threads());
      qc = cal.config();
      net = cal.network();
      known = cal.chosenAccuracy();
    }
    MembraneCalibration.Result mcal = null;
    String membraneSource = membraneWidth == null ? "auto" : Integer.toString(membraneWidth);
    if (scaling.membraneTolerance() != null) {
      if (membraneWidth == null) {
        throw new IllegalArgumentException("membrane-width calibration starts from a fixed width, not auto");
      }
      mcal = MembraneCalibration.calibrate(fl, qc, membraneWidth, scaling.membraneTolerance(), scaling.calibration(),
          scaling.encoder(), scaling.threads());
      qc = mcal.config();
      net = mcal.network();
      known = mcal.chosenAccuracy();
      membraneSource = String.format(Locale.ROOT, "calibrated:%d (from %d, tolerance %.2f points)", mcal.chosen(),
          membraneWidth, 100 * scaling.membraneTolerance());
    }
    QuantizationCheck check = scaling.calibration() == null ? null
        : QuantizationCheck.measure(fl, net, scaling.calibration(), scaling.encoder(), scaling.threads(), known);
    CompileConfig.SourceModel src = new CompileConfig.SourceModel(format, sha256, weightWidth, membraneSource);
    return new Loaded(net, src, QuantizationReport.analyze(fl, net, qc), fl, cal, mcal, check);
  }

  /** Whether {@code file} holds a float model or names an npy export (false if it cannot be read). */
  public static boolean isFloatModel(Path file) {
    try {
      return ModelFiles.resolve(file).kind().isFloat();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
