package dev.spikeforge.flow.explore;

import dev.spikeforge.flow.BitstreamConfig;
import dev.spikeforge.flow.BuildConfig;
import dev.spikeforge.flow.DataConfig;
import dev.spikeforge.flow.HardwareConfig;
import dev.spikeforge.flow.QuantizeConfig;
import dev.spikeforge.flow.TrainingConfig;
import dev.spikeforge.flow.VerifyConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of one point of a sweep, one field per {@link Parameter}.
 *
 * @param weightBits   signed weight bits
 * @param membraneBits signed membrane bits, or null for {@code calibrate}
 * @param lanes        lanes per layer
 * @param weightMemory auto, bram or spram
 * @param binarize     names of the layers binarized, sorted
 * @param earlyExit    0 for spike count, else first-to-fire at K spikes
 * @param encoder      rate, latency or poisson
 * @param timesteps    T
 * @param board        the board
 * @param learning     {@code none} (an inference core) or {@code desire} (a learning core)
 */
public record PointSettings(int weightBits, Integer membraneBits, int lanes, String weightMemory, List<String> binarize,
    int earlyExit, String encoder, int timesteps, String board, String learning) {

  public PointSettings {
    binarize = List.copyOf(binarize);
  }

  static PointSettings of(Map<Parameter, Object> m) {
    Object mem = m.get(Parameter.MEMBRANE_BITS);
    @SuppressWarnings("unchecked")
    List<String> bin = (List<String>) m.get(Parameter.BINARIZE);
    return new PointSettings((Integer) m.get(Parameter.WEIGHT_BITS), mem instanceof Integer i ? i : null,
        (Integer) m.get(Parameter.LANES), (String) m.get(Parameter.WEIGHT_MEMORY), bin,
        (Integer) m.get(Parameter.EARLY_EXIT), (String) m.get(Parameter.ENCODER), (Integer) m.get(Parameter.TIMESTEPS),
        (String) m.get(Parameter.BOARD), (String) m.get(Parameter.LEARNING));
  }

  /** The value of {@code p}, as written in a sweep file. */
  public Object get(Parameter p) {
    return switch (p) {
      case WEIGHT_BITS -> weightBits;
      case MEMBRANE_BITS -> membraneBits == null ? "calibrate" : membraneBits;
      case LANES -> lanes;
      case WEIGHT_MEMORY -> weightMemory;
      case BINARIZE -> binarize;
      case EARLY_EXIT -> earlyExit;
      case ENCODER -> encoder;
      case TIMESTEPS -> timesteps;
      case BOARD -> board;
      case LEARNING -> learning;
    };
  }

  /** A short label, e.g. {@code w4 m=cal P4 auto T20 rate icebreaker} ({@code + learn:desire} for a learning core). */
  public String label() {
    return String.format(Locale.ROOT, "w%d m%s P%d %s%s%s T%d %s %s%s", weightBits,
        membraneBits == null ? "=cal" : membraneBits.toString(), lanes, weightMemory,
        binarize.isEmpty() ? "" : " bin:" + String.join("+", binarize), earlyExit == 0 ? "" : " ee" + earlyExit,
        timesteps, encoder, board, learns() ? " learn:" + learning : "");
  }

  /** Whether the point is a learning core. */
  public boolean learns() {
    return !"none".equals(learning);
  }

  /** The same point for {@code otherBoard}. */
  PointSettings onBoard(String otherBoard) {
    return new PointSettings(weightBits, membraneBits, lanes, weightMemory, binarize, earlyExit, encoder, timesteps,
        otherBoard, learning);
  }

  /**
   * This point as the flow's build config, for what {@link BuildConfig} expresses: weight bits, lanes,
   * board, T, the learning unit, the dataset and the model (trained, or the given or fitted float model file).
   * Membrane bits, weight memory, binarized layers, early exit and encoder have no field in {@code BuildConfig}
   * yet: the explorer applies them itself
   * ({@link PointEvaluator}), and {@code points/<hash>.json} records them beside this config.
   */
  public BuildConfig buildConfig(Sweep sweep, java.nio.file.Path sweepOut, String outDir) {
    Sweep.ModelSource m = sweep.model();
    TrainingConfig t = m.file() != null || m.fitLinear()
        ? new TrainingConfig("784-10", 1, 100, 1, timesteps, (m.file() != null ? m.file()
            : sweepOut.resolve("model").resolve("float-model.json")).toString(), false)
        : new TrainingConfig(m.arch(), m.epochs(), m.trainSamples(), m.seed(), timesteps, null, false);
    DataConfig d = new DataConfig(sweep.data().dataset(), sweep.data().dataDir(), sweep.data().testImages());
    return new BuildConfig(outDir, d, t,
        new QuantizeConfig(weightBits, sweep.data().calibrationImages(), 0.002),
        learns() ? new HardwareConfig(lanes, board).withLearning(learning) : new HardwareConfig(lanes, board),
        VerifyConfig.of(1).disabled(), BitstreamConfig.boardClock().disabled(), 0);
  }
}
