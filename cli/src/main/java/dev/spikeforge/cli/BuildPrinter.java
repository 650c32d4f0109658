package dev.spikeforge.cli;

import dev.spikeforge.compiler.build.ModelInput;
import dev.spikeforge.flow.Accuracy;
import dev.spikeforge.flow.CoreFigures;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.HwMemory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** What {@code spikeforge compile} prints: the quantization, the accuracy and the compiled core. */
final class BuildPrinter {
  private BuildPrinter() {}

  static void printQuantization(PrintWriter out, ModelInput.Loaded in) {
    out.printf(Locale.ROOT, "quantized the float model to %d-bit weights, membrane width %s:%n",
        in.source().weightWidth(), in.source().membraneWidth());
    if (in.calibration() != null) {
      out.print(in.calibration().describe());
    }
    if (in.membraneCalibration() != null) {
      out.print(in.membraneCalibration().describe());
    }
    out.printf(Locale.ROOT, "scale rule: %s%n", in.report().config().scaleStrategy());
    out.print(in.report().toTable());
    if (in.check() != null) {
      out.printf(Locale.ROOT, "check: %s%n", in.check().describe());
    }
  }

  static void printAccuracy(PrintWriter out, Accuracy a, String dataset, NetworkSpec net) {
    out.printf(Locale.ROOT, "accuracy on %d %s test images (%s coding, T = %d): float %.2f %%, quantized %.2f %%"
            + " (%+.2f points; %.2f %% same predictions)%n", a.images(), dataset, net.encoder(), net.timesteps(),
        100 * a.floatAccuracy(), 100 * a.intAccuracy(), a.changePoints(), 100 * a.agreement());
  }

  static void print(PrintWriter out, NetworkSpec net, HwCore core, Path dir) {
    out.printf(Locale.ROOT, "compiled %s (%s) into %s%n", net.name(), NetworkPrinter.describe(net), dir);
    out.printf(Locale.ROOT, "  inputs: encoder %s, T = %d (recorded in network.json and the manifest: verify and the"
        + " board host code images with it)%n", net.encoder(), net.timesteps());
    for (int l = 0; l < core.layers().size(); l++) {
      HwLayer h = core.layers().get(l);
      out.printf(Locale.ROOT, "  layer %d %-8s %s %d->%d, %d lanes x %d groups, %d-bit membrane, %d-bit current, %d delay slot%s%s%n",
          l, net.layers().get(l).name(), h.kind(), h.inputSize(), h.size(), h.lanes(), h.groups(), h.membraneWidth(),
          h.currentWidth(), h.ringSlots(), h.ringSlots() == 1 ? "" : "s",
          (h.recurrent() ? ", recurrent" : "") + (h.feedforwardMode().name().equals("CHUNK") ? ", popcount chunks" : ""));
    }
    out.printf(Locale.ROOT, "  %d memory images, %d bits; readout %s; manifest %s%n", core.memories().size(),
        CoreFigures.memoryBits(core), core.readoutMode(),
        dir.resolve("manifest.json"));
    for (HwMemory mem : core.memories()) {
      if (mem.sprams() > 0) {
        out.printf(Locale.ROOT, "  %s in SPRAM: %d x SB_SPRAM256KA (no initial contents: loaded through the load port)%n",
            mem.file(), mem.sprams());
      }
    }
    if (core.threeFactorLearning() != null) {
      var t = core.threeFactorLearning();
      out.printf(Locale.ROOT, "  learning: eprop (three-factor, hardware form), shadow weights of B + %d bits, shadow"
          + " delays of + %d bits, stochastic rounding %s, %s feedback (spec in manifest.json hardware.learning)%n",
          t.weightFracBits(), t.delayFracBits(), t.roundingBits() == 0 ? "off" : "K = " + t.roundingBits(),
          t.randomFeedback() ? "random" : "symmetric");
    } else if (core.learns()) {
      var u = core.learning();
      out.printf(Locale.ROOT, "  learning: desire, shadow words of %s bits (B + E per layer), stochastic rounding %s,"
          + " dropout P %s, S %s (spec in manifest.json hardware.learning)%n",
          java.util.stream.IntStream.range(0, core.layers().size())
              .mapToObj(l -> Integer.toString(core.layers().get(l).storedWeightWidth()))
              .collect(java.util.stream.Collectors.joining(", ")),
          u.roundingBits() == 0 ? "off" : "K = " + u.roundingBits(), java.util.Arrays.toString(u.dropoutThresholds()),
          java.util.Arrays.toString(u.dropoutScales()));
    }
  }
}
