package dev.spikeforge.flow;

import dev.spikeforge.compiler.quantize.QuantizationCheck;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Step 2: quantizes the float model by {@link CalibrationRule} into {@code model.json} and measures
 * float and integer accuracy on the test images ({@code reports/step-quantize.json}).
 */
final class QuantizeStep {
  static final String MODEL = "model.json";
  static final String OUTCOME = "reports/step-quantize.json";

  private QuantizeStep() {}

  static QuantizeOutcome run(BuildContext c, TrainOutcome trained) {
    return c.timed(Step.QUANTIZE, () -> {
      try {
        return quantize(c, trained);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static BuildContext.Timed<QuantizeOutcome> quantize(BuildContext c, TrainOutcome trained)
      throws IOException {
    QuantizeConfig q = c.config.quantize();
    PrintWriter out = c.events.log();
    String hash = new StepLedger.Hash(Step.QUANTIZE.id()).config(q).config(c.config.data())
        .files(trained.floatModel().getParent(), List.of(trained.floatModel().getFileName().toString())).hex();
    Path model = c.out.resolve(MODEL);
    Path outcome = c.out.resolve(OUTCOME);
    if (c.ledger.unchanged(Step.QUANTIZE.id(), hash) && Files.isRegularFile(model) && Files.isRegularFile(outcome)) {
      out.printf(Locale.ROOT, "== 2/%d quantize: inputs unchanged, reusing %s%n", c.stepCount(), model);
      c.network = NetworkJson.read(model);
      return new BuildContext.Timed<>(Json.readFile(outcome, QuantizeOutcome.class), true);
    }
    FloatNetwork fl = c.floatNetwork != null ? c.floatNetwork : FloatNetworkJson.read(trained.floatModel());
    Dataset test = c.test();
    int threads = c.config.threadCount();
    out.printf(Locale.ROOT, "== 2/%d quantize to %d-bit weights, scale and membrane width calibrated on %,d training"
        + " images; accuracy on %d test images%n", c.stepCount(), q.weightWidth(), q.calibrationImages(), test.size());
    out.flush();
    Dataset calSet = CalibrationRule.calibrationSet(c.train(), q.calibrationImages());
    CalibrationRule.Calibrated cal;
    try (FlowEvents.Task t = c.events.ticker("calibration: scale rules, then membrane widths")) {
      cal = CalibrationRule.calibrate(fl, q.weightWidth(), q.membraneTolerance(), calSet, threads);
    }
    NetworkSpec net = cal.membrane().network();
    out.printf(Locale.ROOT, "   scale rule %s, %d-bit membranes (calibration accuracy %.2f %%; %d-bit %.2f %%)%n",
        cal.scale().chosen(), cal.membrane().chosen(), 100 * cal.chosenAccuracy(),
        CalibrationRule.REFERENCE_MEMBRANE_WIDTH, 100 * cal.membrane().reference());
    QuantizationCheck check = QuantizationCheck.measure(fl, net, calSet, SpikeEncoder.of(fl.encoder()), threads,
        cal.chosenAccuracy());
    out.printf(Locale.ROOT, "   check: %s%n", check.describe());
    FloatQuantization.guard(check, q.weightWidth(), ScaleRule.DEFAULT, null, c.events);
    EvalReport ref;
    try (FlowEvents.Meter p = c.events.progress("float model", test.size(), "images")) {
      ref = Evaluator.evaluate(fl, test, SpikeEncoder.of(fl.encoder()), threads, p);
    }
    EvalReport gold;
    try (FlowEvents.Meter p = c.events.progress("integer golden model", test.size(), "images")) {
      gold = Evaluator.evaluate(net, test, SpikeEncoder.of(fl.encoder()), threads, p);
    }
    QuantizeOutcome r = new QuantizeOutcome(cal.scale().chosen().toString(), cal.membrane().chosen(),
        cal.chosenAccuracy(), cal.membrane().reference(), ref, gold);
    out.printf(Locale.ROOT, "   float %.2f %%, integer %.2f %% (%+.2f points)%n", 100 * ref.accuracy(),
        100 * gold.accuracy(), r.accuracyChangePoints());
    Files.createDirectories(c.out);
    NetworkJson.write(net, model);
    Json.writeFile(outcome, r);
    c.network = net;
    c.ledger.recordInputs(Step.QUANTIZE.id(), hash);
    return new BuildContext.Timed<>(r, false);
  }
}
