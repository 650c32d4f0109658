package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.spikeforge.compiler.quantize.Calibration;
import dev.spikeforge.compiler.quantize.MembraneWidth;
import dev.spikeforge.compiler.quantize.QuantizationConfig;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.network.FloatNetwork;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Neighbourhood aggregation, end to end: a tiny network (6-12-3) is trained in float through the
 * registry and the one Trainer, quantized with a calibrated scale (8-bit weights, 16-bit membranes)
 * as {@code compile --scale calibrate} does, compiled unchanged, and the generated core is bit-exact
 * with the integer golden model in Verilator on every test sample (spikes and membranes of every
 * step, and the decision).
 */
@Tag("sim")
class NaTrainedCoreTest {
  private static final Path WORK = Path.of("target", "sim", "NaTrainedCoreTest");

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilator();
  }

  @Test
  void trainedFloatNetworkQuantizedIsBitExactInVerilator() throws Exception {
    TrainedCoreFixture.Trained t = TrainedCoreFixture.train("na", "float", null, null, 2,
        Map.of("--batch", 4, "--adam-lr", 0.01));
    FloatNetwork fl = t.floatNetwork();
    assertFalse(Arrays.deepEquals(t.untrainedFloat().layers().get(0).weights(), fl.layers().get(0).weights()),
        "training changed nothing");
    QuantizationConfig qc = QuantizationConfig.of(8).withMembraneWidth(MembraneWidth.fixed(16));
    Calibration.Result cal = Calibration.calibrate(fl, qc, Calibration.DEFAULT_CANDIDATES,
        TrainedCoreFixture.TRAIN.slice(0, 60), new RateEncoder(), 1);
    TrainedCoreFixture.assertBitExactInVerilator(cal.network(), WORK.resolve("build"));
  }
}
