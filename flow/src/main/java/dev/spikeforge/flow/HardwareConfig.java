package dev.spikeforge.flow;

import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.map.MemoryTarget;
import java.util.List;

/**
 * The compile step: how the network is mapped to the neuron-array core, and for which board.
 *
 * @param lanes neurons updated per clock in each layer
 * @param board the target board: a built-in name ({@code icebreaker}, {@code hx8k-breakout}, …) or a
 *              board JSON file; its part decides where weight memories go
 * @param learning null for an inference-only core, or {@code desire}: a learning core with the desire learning
 *              unit, configured with the training defaults read off the quantized network (its thresholds must be
 *              powers of two: quantize with the power-of-two scale). {@code eprop} is refused here, at load: the
 *              build flow trains desire, so an e-prop core is made by {@code train --rule eprop --precision int
 *              --hardware-form}, then {@code compile --learning eprop}
 */
public record HardwareConfig(int lanes, String board, String learning) {

  /** An inference-only core. */
  public HardwareConfig(int lanes, String board) {
    this(lanes, board, null);
  }

  /** The same, compiled as a learning core with {@code rule} (null: inference only). */
  public HardwareConfig withLearning(String rule) {
    return new HardwareConfig(lanes, board, rule);
  }

  /** Validates. */
  public HardwareConfig {
    // refused before the flow trains and quantizes for minutes: its training step trains desire only
    ConfigException.require(!"eprop".equals(learning), "hardware.learning", "eprop cannot be built by the build"
        + " flow, which trains desire: use desire (or leave it out), or for e-prop run 'spikeforge train --rule eprop"
        + " --precision int --hardware-form', then 'spikeforge compile --learning eprop' on its model.json");
    LearningSetup.checkRule(learning, List.of("desire"), "hardware.learning", " or leave it out");
    ConfigException.require(lanes >= 1, "hardware.lanes", "must be at least 1, got " + lanes);
    ConfigException.require(board != null && !board.isBlank(), "hardware.board",
        "is missing; name a board such as icebreaker");
  }

  /** The compiler's board name: {@link #board()} if it is a built-in board, else generic (block RAM only). */
  public String compileBoard() {
    return CompileConfig.BOARDS.contains(board) ? board : "generic";
  }

  /** Where weight memories can go on the board (SPRAM on the UP5K boards). */
  public MemoryTarget memoryTarget() {
    return MemoryTarget.forBoard(compileBoard());
  }

  /** The mapping options of {@link #lanes()}. */
  public MappingOptions mapping() {
    return MappingOptions.lanes(lanes);
  }
}
