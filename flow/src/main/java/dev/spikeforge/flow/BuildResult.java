package dev.spikeforge.flow;

import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link Flow#run} produced. {@code verify} and {@code bitstream} are null when their steps are
 * disabled; when verification fails the flow stops there, {@code bitstream} and {@code report} are null.
 *
 * @param config       the build's config
 * @param network      the quantized network ({@code model.json})
 * @param train        the train step's outcome
 * @param quantize     the quantize step's outcome (accuracy)
 * @param compile      the compile step's outcome (the build directory, memories)
 * @param verify       the verify step's outcome, or null
 * @param bitstream    the bitstream step's outcome (resources, Fmax, power), or null
 * @param report       the derived figures (latency, energy), or null if verification failed
 * @param seconds      wall time of each step that ran (skipped steps included)
 * @param totalSeconds wall time of the whole run, data loading included
 */
public record BuildResult(BuildConfig config, NetworkSpec network, TrainOutcome train, QuantizeOutcome quantize,
    CompileOutcome compile, VerifyOutcome verify, BitstreamOutcome bitstream, BuildReport report,
    Map<Step, Double> seconds, double totalSeconds) {

  /** Whether every step that ran succeeded (verification included). */
  public boolean passed() {
    return verify == null || verify.passed();
  }

  /** The build's {@code results.json}. */
  public Path resultsFile() {
    return config.out().resolve(ResultsJson.FILE);
  }

  /** The build's HTML report (written by the report step, absent when verification failed). */
  public Path reportFile() {
    return config.out().resolve(HtmlReport.FILE);
  }

  /** The network's sizes, {@code 784-128-10}. */
  public String architecture() {
    return ResultsJson.architecture(network);
  }

  /** The wall time of {@code step}, 0 if it did not run. */
  public double secondsOf(Step step) {
    return seconds.getOrDefault(step, 0.0);
  }
}
