package dev.spikeforge.compiler.build;

import dev.spikeforge.compiler.quantize.Calibration;
import dev.spikeforge.compiler.quantize.MembraneCalibration;
import dev.spikeforge.compiler.quantize.MembraneWidth;
import dev.spikeforge.compiler.quantize.QuantizationConfig;
import dev.spikeforge.compiler.quantize.QuantizationReport;
import dev.spikeforge.compiler.quantize.Quantizer;
import dev.spikeforge.compiler.quantize.ScaleStrategy;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.ModelJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The first pass of the compile flow: a model file in, the integer network out. An integer network
 * ({@code spikeforge.network}) is used as it is; a float model ({@code spikeforge.float-network}) is
 * quantized ({@link Quantizer}, docs/quantization.md) with the given weight and membrane widths.
 */
public final class ModelInput {
  private ModelInput() {}

  /**
   * The integer network, where it came from, and the quantization report (null for an integer
   * input); the scale and membrane-width calibrations when they ran (else null).
   */
  public record Loaded(NetworkSpec network, CompileConfig.SourceModel source, QuantizationReport report,
      FloatNetwork floatNetwork, Calibration.Result calibration, MembraneCalibration.Result membraneCalibration) {
    public Loaded(NetworkSpec network, CompileConfig.SourceModel source, QuantizationReport report) {
      this(network, source, report, null, null, null);
    }
  }

  /**
   * How a float model's layer scales are chosen: one {@link ScaleStrategy}, or calibration over
   * candidates on a calibration set ({@link Calibration}); and, when {@code membraneTolerance} is
   * set, whether the membrane width is then narrowed by {@link MembraneCalibration} on the same set.
   */
  public record Scaling(ScaleStrategy strategy, List<ScaleStrategy> candidates, Dataset calibration,
      SpikeEncoder encoder, int threads, Double membraneTolerance) {
    public static Scaling fixed(ScaleStrategy s) {
      return new Scaling(s, null, null, null, 1, null);
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
    String text = ModelJson.readText(file);
    if (!FloatNetworkJson.isFloatNetwork(text)) {
      return new Loaded(NetworkJson.read(file), null, null);
    }
    FloatNetwork fl = FloatNetworkJson.read(file);
    QuantizationConfig qc = QuantizationConfig.of(weightWidth)
        .withMembraneWidth(membraneWidth == null ? MembraneWidth.auto() : MembraneWidth.fixed(membraneWidth));
    NetworkSpec net;
    Calibration.Result cal = null;
    if (scaling.strategy() != null) {
      qc = qc.withScaleStrategy(scaling.strategy());
      net = Quantizer.quantize(fl, qc);
    } else {
      cal = Calibration.calibrate(fl, qc, scaling.candidates(), scaling.calibration(), scaling.encoder(),
          scaling.threads());
      qc = cal.config();
      net = cal.network();
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
      membraneSource = String.format(Locale.ROOT, "calibrated:%d (from %d, tolerance %.2f points)", mcal.chosen(),
          membraneWidth, 100 * scaling.membraneTolerance());
    }
    CompileConfig.SourceModel src = new CompileConfig.SourceModel(FloatNetworkJson.FORMAT,
        Manifest.sha256(text.getBytes(StandardCharsets.UTF_8)), weightWidth, membraneSource);
    return new Loaded(net, src, QuantizationReport.analyze(fl, net, qc), fl, cal, mcal);
  }

  /** Whether {@code file} holds a float model (false if it cannot be read). */
  public static boolean isFloatModel(Path file) {
    try {
      return FloatNetworkJson.isFloatNetwork(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return false;
    }
  }
}
