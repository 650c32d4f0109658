package dev.spikeforge.flow;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.testbenches.CoreVerifier;
import dev.spikeforge.testbenches.VerilatorSimulator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Step 4: the build's RTL against the golden model in Verilator on the first test images, bit for
 * bit ({@code build/reports/verify.json}; the outcome in {@code reports/step-verify.json}).
 */
final class VerifyStep {
  static final String OUTCOME = "reports/step-verify.json";

  private VerifyStep() {}

  static VerifyOutcome run(BuildContext c) {
    return c.timed(Step.VERIFY, () -> verify(c));
  }

  private static BuildContext.Timed<VerifyOutcome> verify(BuildContext c) {
    PrintWriter out = c.events.log();
    Dataset test = c.test();
    int n = Math.min(c.config.verify().images(), test.size());
    String hash = new StepLedger.Hash(Step.VERIFY.id()).config(c.config.verify()).config(c.config.data())
        .files(c.buildDir(), CompileStep.OUTPUTS).hex();
    Path outcome = c.out.resolve(OUTCOME);
    if (c.ledger.unchanged(Step.VERIFY.id(), hash) && Files.isRegularFile(outcome)) {
      out.printf(Locale.ROOT, "== %d/%d verify: inputs unchanged, reusing %s%n", c.number(Step.VERIFY), c.stepCount(),
          outcome);
      return new BuildContext.Timed<>(Json.readFile(outcome, VerifyOutcome.class), true);
    }
    out.printf(Locale.ROOT, "== %d/%d verify: RTL (Verilator) vs golden model on %d test images%n",
        c.number(Step.VERIFY), c.stepCount(), n);
    out.flush();
    BuildDirectory.Loaded b = BuildDirectory.load(c.buildDir());
    List<StimulusFile.Sample> stim = new ArrayList<>(n);
    SpikeEncoder encoder = SpikeEncoder.of(b.network().encoder()); // the spikes the network was trained on
    for (int i = 0; i < n; i++) {
      stim.add(new StimulusFile.Sample(test.id(i), test.encode(i, encoder, b.network().timesteps())));
    }
    CoreVerifier.Report r;
    try (FlowEvents.Task t = c.events.ticker("verify: Verilator build, golden model, simulation, comparison")) {
      r = CoreVerifier.verify(b, stim, new CoreVerifier.Options(List.of(new VerilatorSimulator()), null, 0, true,
          c.config.threadCount()));
    }
    CoreVerifier.SimulatorResult v = r.results().get(0);
    out.printf(Locale.ROOT, "   %d/%d images bit-exact (every step, layer, neuron, decision); %,d clocks per image%n",
        v.matching(), v.samples(), v.cycles() / Math.max(1, v.samples()));
    VerifyOutcome result = new VerifyOutcome(v.simulator(), v.samples(), v.matching(), v.cycles(),
        r.passed() ? "" : r.describeFailures());
    if (result.passed()) {
      Json.writeFile(outcome, result);
      c.ledger.recordInputs(Step.VERIFY.id(), hash);
    }
    return new BuildContext.Timed<>(result, false);
  }
}
