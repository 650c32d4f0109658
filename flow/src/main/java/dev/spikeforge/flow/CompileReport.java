package dev.spikeforge.flow;

import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.build.ModelInput;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Path;

/**
 * What {@link Flow#compile(CompileRequest, FlowEvents)} did.
 *
 * @param input    the integer network, where it came from, and (float models) the quantization report
 *                 and the calibrations that ran
 * @param accuracy float and quantized accuracy on the test images, or null when not asked for
 * @param build    the compiled core and the build directory's files
 * @param output   the build directory
 */
public record CompileReport(ModelInput.Loaded input, Accuracy accuracy, Compiler.Build build, Path output) {
  /** The compiled integer network. */
  public NetworkSpec network() {
    return input.network();
  }

  /** Whether a float model was quantized. */
  public boolean quantized() {
    return input.report() != null;
  }
}
