package dev.spikeforge.flow;

import dev.spikeforge.compiler.quantize.Calibration;
import dev.spikeforge.compiler.quantize.MembraneCalibration;
import dev.spikeforge.compiler.quantize.MembraneWidth;
import dev.spikeforge.compiler.quantize.QuantizationConfig;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.network.FloatNetwork;

/**
 * The one calibration rule of every quantization of a float model: the layer scales and the
 * membrane width are chosen on the last {@value #DEFAULT_IMAGES} images of the TRAINING split
 * (never the test set), against {@value #REFERENCE_MEMBRANE_WIDTH}-bit membranes.
 */
public final class CalibrationRule {
  /** Training images calibrated on by default (the last ones of the split). */
  public static final int DEFAULT_IMAGES = 2000;

  /** The membrane width scale calibration runs at, and the one narrower widths are measured against. */
  public static final int REFERENCE_MEMBRANE_WIDTH = 16;

  /** Accuracy loss accepted by the membrane-width calibration, as a fraction (0.2 points). */
  public static final double DEFAULT_MEMBRANE_TOLERANCE = 0.002;

  private CalibrationRule() {}

  /** The last {@code images} images of {@code train} (all of it if it is smaller). */
  public static Dataset calibrationSet(Dataset train, int images) {
    int n = Math.min(images, train.size());
    return train.slice(train.size() - n, train.size());
  }

  /**
   * The layer scale rule with the best integer accuracy on {@code calibrationSet}, among
   * {@link Calibration#DEFAULT_CANDIDATES}, at {@code weightWidth}-bit weights and
   * {@code membraneWidth}-bit membranes (the network's encoder).
   */
  public static Calibration.Result calibrateScale(FloatNetwork net, int weightWidth, int membraneWidth,
      Dataset calibrationSet, int threads) {
    QuantizationConfig qc = QuantizationConfig.of(weightWidth).withMembraneWidth(MembraneWidth.fixed(membraneWidth));
    return Calibration.calibrate(net, qc, Calibration.DEFAULT_CANDIDATES, calibrationSet, SpikeEncoder.of(net.encoder()),
        threads);
  }

  /** The scale rule, then the narrowest membrane width within {@code tolerance} of the reference width. */
  public static Calibrated calibrate(FloatNetwork net, int weightWidth, double tolerance, Dataset calibrationSet,
      int threads) {
    Calibration.Result scale = calibrateScale(net, weightWidth, REFERENCE_MEMBRANE_WIDTH, calibrationSet, threads);
    MembraneCalibration.Result membrane = MembraneCalibration.calibrate(net, scale.config(), REFERENCE_MEMBRANE_WIDTH,
        tolerance, calibrationSet, SpikeEncoder.of(net.encoder()), threads);
    return new Calibrated(scale, membrane);
  }

  /** The two calibrations' results; {@code membrane.network()} is the quantized network. */
  public record Calibrated(Calibration.Result scale, MembraneCalibration.Result membrane) {
    /** The integer accuracy at the chosen membrane width on the calibration images. */
    public double chosenAccuracy() {
      return membrane.chosenAccuracy();
    }
  }
}
