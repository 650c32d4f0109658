package dev.spikeforge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.flow.report.Activity;
import dev.spikeforge.flow.report.Charts;
import dev.spikeforge.flow.report.ReportDocument.Absent;
import dev.spikeforge.flow.report.ReportDocument.Block;
import dev.spikeforge.flow.report.ReportDocument.Figure;
import dev.spikeforge.flow.report.ReportDocument.Paragraph;
import dev.spikeforge.flow.report.ReportDocument.Section;
import dev.spikeforge.flow.report.ReportDocument.Table;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.EpochMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's sections on the model: the network, its training, its quantization and its activity. */
final class ModelSections {
  private ModelSections() {}

  static Section network(BuildRecords r) {
    NetworkSpec net = r.network;
    List<Block> b = new ArrayList<>();
    b.add(new Paragraph(String.format(Locale.ROOT, "Network '%s', %s: %d inputs, %d layer%s, T = %d steps per image,"
        + " readout %s%s.", net.name(), ResultsJson.architecture(net), net.inputSize(), net.layers().size(),
        net.layers().size() == 1 ? "" : "s", net.timesteps(), net.readout().mode(),
        net.readout().mode().name().equals("SPIKE_COUNT") ? "" : " (decision count " + net.readout().decisionCount()
            + ")")));
    JsonNode hw = r.manifest.path("hardware").path("layers");
    List<List<String>> rows = new ArrayList<>();
    for (int l = 0; l < net.layers().size(); l++) {
      LayerSpec s = net.layers().get(l);
      JsonNode h = hw.path(l);
      rows.add(List.of(s.name(), s.kind().name(), s.inputSize() + " \u2192 " + s.size(),
          s.kind() == LayerKind.BINARIZED ? "1 (\u00b11)" : Integer.toString(s.weightWidth()),
          Integer.toString(s.neuron().membraneWidth()), Long.toString(s.neuron().threshold()),
          Integer.toString(s.neuron().leakShift()), s.neuron().reset().name(), Integer.toString(s.maxDelay()),
          s.recurrentWeights() != null ? "yes" : "no",
          h.isMissingNode() ? "?" : h.path("lanes").asText() + " \u00d7 " + h.path("groups").asText(),
          h.path("feedforwardMemory").asText("?")));
    }
    b.add(new Table("Layers (network.json; lanes and memories from manifest.json)", List.of("layer", "kind",
        "inputs \u2192 neurons", "weight bits", "membrane bits", "threshold", "leak shift", "reset", "max delay",
        "recurrent", "lanes \u00d7 groups", "weight memory"), rows));
    return new Section("network", "Network", b);
  }

  static Section training(BuildRecords r) {
    List<Block> b = new ArrayList<>();
    if (r.epochs == null) {
      b.add(new Absent("training curve", r.absent.getOrDefault("training record", "not recorded")));
      return new Section("training", "Training", b);
    }
    b.add(new Figure("Train and test accuracy per epoch, from " + r.where(r.epochsFile),
        Charts.trainingCurve("curve", r.epochs)));
    List<List<String>> rows = new ArrayList<>();
    for (EpochMetrics m : r.epochs) {
      rows.add(List.of(Integer.toString(m.epoch()), String.format(Locale.ROOT, "%,d", m.trainSamples()),
          pct(m.trainAccuracy()), String.format(Locale.ROOT, "%.4f", m.trainLoss()),
          String.format(Locale.ROOT, "%,d", m.testSamples()), pct(m.testAccuracy()),
          String.format(Locale.ROOT, "%g", m.learningRate())));
    }
    b.add(new Table("Epochs", List.of("epoch", "train samples", "train accuracy", "train loss", "test samples",
        "test accuracy", "learning rate"), rows));
    return new Section("training", "Training", b);
  }

  static Section quantization(BuildRecords r) {
    List<Block> b = new ArrayList<>();
    QuantizeOutcome q = r.quantize;
    if (q != null) {
      EvalReport f = q.floatReport();
      EvalReport i = q.intReport();
      List<List<String>> rows = new ArrayList<>();
      if (r.config != null) {
        rows.add(List.of("weight width", r.config.quantize().weightWidth() + " bits (signed)"));
        rows.add(List.of("calibration images", String.format(Locale.ROOT, "the last %,d training images",
            r.config.quantize().calibrationImages())));
      }
      rows.add(List.of("scale rule (calibrated)", q.scaleRule()));
      rows.add(List.of("membrane width (calibrated)", q.membraneWidth() + " bits"));
      rows.add(List.of("calibration accuracy at that width", pct(q.calibrationAccuracy())));
      rows.add(List.of("calibration accuracy at " + CalibrationRule.REFERENCE_MEMBRANE_WIDTH + "-bit membranes",
          pct(q.referenceAccuracy())));
      rows.add(List.of("float model accuracy", pct(f.accuracy()) + String.format(Locale.ROOT, " (%,d test images)",
          f.samples())));
      rows.add(List.of("integer golden model accuracy", pct(i.accuracy()) + String.format(Locale.ROOT,
          " (%,d test images)", i.samples())));
      rows.add(List.of("integer \u2212 float", String.format(Locale.ROOT, "%+.2f points", q.accuracyChangePoints())));
      if (f.samples() == i.samples()) {
        rows.add(List.of("same predictions", pct(i.agreement(f))));
      }
      b.add(new Table("The quantize step (" + QuantizeStep.OUTCOME + ")", List.of("figure", "value"), rows));
    } else if (r.compileConfig != null && r.compileConfig.has("source")) {
      JsonNode s = r.compileConfig.path("source");
      b.add(new Paragraph("compile quantized a " + s.path("format").asText() + " model (SHA-256 "
          + s.path("sha256").asText() + ") to " + s.path("weightWidth").asText() + "-bit weights, membrane width "
          + s.path("membraneWidth").asText() + " (config.json)."));
      b.add(new Absent("float vs integer accuracy", "compile measures it only when asked (--accuracy-images) and does"
          + " not record it in the build directory"));
    } else {
      b.add(new Absent("quantization outcome", r.kind == BuildRecords.Kind.FLOW
          ? r.absent.getOrDefault("quantization outcome", "not recorded")
          : "compile was given an integer network: nothing was quantized in this build"));
    }
    b.add(weights(r.network));
    return new Section("quantization", "Quantization", b);
  }

  /** Per layer: how much of the weight range the integer weights use, and how many sit at its ends. */
  private static Table weights(NetworkSpec net) {
    List<List<String>> rows = new ArrayList<>();
    for (LayerSpec s : net.layers()) {
      long n = 0;
      long zeros = 0;
      long atLimit = 0;
      int min = Integer.MAX_VALUE;
      int max = Integer.MIN_VALUE;
      long lo = s.kind() == LayerKind.BINARIZED ? 0 : -(1L << (s.weightWidth() - 1));
      long hi = s.kind() == LayerKind.BINARIZED ? 1 : (1L << (s.weightWidth() - 1)) - 1;
      for (int[] row : s.weights()) {
        for (int w : row) {
          n++;
          zeros += w == 0 ? 1 : 0;
          atLimit += w == lo || w == hi ? 1 : 0;
          min = Math.min(min, w);
          max = Math.max(max, w);
        }
      }
      if (s.kind() == LayerKind.BINARIZED) {
        rows.add(List.of(s.name(), "1 (0 = \u22121, 1 = +1)", String.format(Locale.ROOT, "%,d", n), "\u22121 .. +1",
            "\u2014", String.format(Locale.ROOT, "%.1f %% +1", 100.0 * (n - zeros) / n), "\u2014"));
      } else {
        rows.add(List.of(s.name(), Integer.toString(s.weightWidth()), String.format(Locale.ROOT, "%,d", n),
            min + " .. " + max, lo + " .. " + hi, String.format(Locale.ROOT, "%.1f %%", 100.0 * zeros / n),
            String.format(Locale.ROOT, "%.2f %%", 100.0 * atLimit / n)));
      }
    }
    return new Table("Integer weights per layer (network.json)", List.of("layer", "weight bits", "weights",
        "range used", "representable", "zero", "at either end of the range"), rows);
  }

  static Section activity(BuildRecords r, ActivityImages images, Activity a) {
    List<Block> b = new ArrayList<>();
    b.add(new Paragraph("Measured here with the bit-exact integer golden model on " + images.description()
        + ". Membranes are the values after each simulated step (after the reset), every neuron, every image."));
    List<String> groups = new ArrayList<>();
    groups.add("input");
    for (Activity.Layer l : a.layers()) {
      groups.add(l.name());
    }
    Map<String, double[]> series = new LinkedHashMap<>();
    double[] here = new double[groups.size()];
    here[0] = a.inputPerImage();
    for (int l = 0; l < a.layers().size(); l++) {
      here[l + 1] = a.layers().get(l).spikesPerImage();
    }
    series.put(String.format(Locale.ROOT, "golden model, %,d images (measured here)", a.images()), here);
    String recorded = "";
    if (r.quantize != null) {
      series.put(String.format(Locale.ROOT, "integer golden model, %,d test images (recorded: %s)",
          r.quantize.intReport().samples(), QuantizeStep.OUTCOME), perNeuron(r.network, r.quantize.intReport()));
      series.put(String.format(Locale.ROOT, "float model, %,d test images (recorded: %s)",
          r.quantize.floatReport().samples(), QuantizeStep.OUTCOME), perNeuron(r.network, r.quantize.floatReport()));
      recorded = " The quantize step's records add the integer and float models on the test images.";
    }
    b.add(new Figure("Mean spikes per neuron per image; the input bar counts input spikes per channel." + recorded,
        Charts.spikeRates("rates", groups, series)));
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("input", Integer.toString(r.network.inputSize()), "\u2014", "\u2014",
        String.format(Locale.ROOT, "%.4f", a.inputRate()), "\u2014", "\u2014", "\u2014"));
    for (Activity.Layer l : a.layers()) {
      rows.add(List.of(l.name(), Integer.toString(l.size()), Integer.toString(l.membraneWidth()),
          Long.toString(l.threshold()), String.format(Locale.ROOT, "%.4f", l.spikesPerStep()),
          String.format(Locale.ROOT, "%d of %d", l.silentNeurons(), l.size()), l.min() + " .. " + l.max(),
          String.format(Locale.ROOT, "%.3f %%", 100.0 * l.saturated() / Math.max(1, l.membranes().length))));
    }
    b.add(new Table("Per layer, golden model on the images above", List.of("layer", "neurons", "membrane bits",
        "threshold", "spikes per neuron per step", "never fired", "membrane range seen", "membranes at saturation"),
        rows));
    for (int l = 0; l < a.layers().size(); l++) {
      Activity.Layer layer = a.layers().get(l);
      b.add(new Figure("Membrane values of layer " + layer.name() + " on the images above, threshold marked"
          + " (saturation bounds marked when reached by the plotted range).", Charts.membraneHistogram("membrane" + l,
          layer)));
    }
    return new Section("activity", "Spike rates and membranes", b);
  }

  /** A report's mean spikes per layer per image, per neuron. */
  private static double[] perNeuron(NetworkSpec net, EvalReport e) {
    double[] v = new double[net.layers().size() + 1];
    v[0] = e.meanInputSpikes() / net.inputSize();
    for (int l = 0; l < net.layers().size(); l++) {
      v[l + 1] = e.meanSpikesPerLayer()[l] / net.layers().get(l).size();
    }
    return v;
  }

  static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
  }
}
