package dev.spikeforge.cli;

import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.Boards;
import dev.spikeforge.boards.flow.ResourceUse;
import dev.spikeforge.flow.BitstreamOutcome;
import dev.spikeforge.flow.BuildConfig;
import dev.spikeforge.flow.BuildReport;
import dev.spikeforge.flow.BuildResult;
import dev.spikeforge.flow.LearningStageReport;
import dev.spikeforge.flow.QuantizeOutcome;
import dev.spikeforge.flow.SpikerPlus;
import dev.spikeforge.flow.Step;
import dev.spikeforge.flow.VerifyOutcome;
import dev.spikeforge.testbenches.LearningVerifier;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Locale;

/** The demo's summary table: a build's figures beside Spiker+'s, as the flow computed them. */
final class DemoSummary {
  private static final String FMT = "   %-28s %-40s %s%n";

  private DemoSummary() {}

  /** The summary with the on-chip learning stage's lines ({@code learn} null: skipped by {@code skippedBy}). */
  static void print(PrintWriter out, BuildResult r, Path outDir, LearningStageReport learn, String skippedBy) {
    BuildConfig c = r.config();
    Board bd = Boards.byNameOrFile(c.hardware().board());
    QuantizeOutcome q = r.quantize();
    VerifyOutcome v = r.verify();
    BitstreamOutcome b = r.bitstream();
    BuildReport f = r.report();
    out.println();
    out.printf(Locale.ROOT, "== summary: %s, %d-bit weights, %d lanes, T = %d, %s (%s)%n", r.architecture(),
        c.quantize().weightWidth(), c.hardware().lanes(), r.network().timesteps(), bd.name(), bd.part().name());
    String dataset = c.data().dataset().equals("fashion-mnist") ? "Fashion-MNIST" : "MNIST subset";
    row(out, "", "spikeforge (" + dataset + ", iCE40)", "Spiker+ (published, " + SpikerPlus.DATASET + ", "
        + SpikerPlus.FPGA + ")");
    row(out, "accuracy float / integer", String.format(Locale.ROOT, "%.2f %% / %.2f %% (%d test images)",
        100 * q.floatReport().accuracy(), 100 * q.intReport().accuracy(), q.intReport().samples()),
        String.format(Locale.ROOT, "%.2f %% (%s)", SpikerPlus.ACCURACY_PERCENT, SpikerPlus.DATASET));
    if (b != null) {
      ResourceUse lc = b.resource("logicCells");
      ResourceUse ebr = b.resource("blockRams");
      ResourceUse spram = b.resource("sprams");
      row(out, "logic cells", String.format(Locale.ROOT, "%,d / %,d (%.1f %%)", lc.used(), lc.available(), lc.percent()),
          String.format(Locale.ROOT, "%,d", SpikerPlus.LOGIC_CELLS));
      row(out, "block RAM / SPRAM", String.format(Locale.ROOT, "%d / %d EBR (4 kbit), %d / %d SPRAM", ebr.used(),
          ebr.available(), spram.used(), spram.available()), SpikerPlus.BLOCK_RAMS + " BRAM (36 kbit)");
      row(out, "Fmax", String.format(Locale.ROOT, "%.2f MHz (core clock %s MHz%s: %s)", b.fmaxMhz(), mhz(b.coreMhz()),
          b.pll() ? ", iCE40 PLL" : ", the board's", b.timingMet() ? "met" : "MISSED"), "");
    } else {
      row(out, "logic cells, block RAM, Fmax", "skipped (--no-bitstream)", String.format(Locale.ROOT,
          "%,d logic cells, %d BRAM", SpikerPlus.LOGIC_CELLS, SpikerPlus.BLOCK_RAMS));
    }
    String spikerLatency = String.format(Locale.ROOT, "%.0f µs", SpikerPlus.LATENCY_US);
    if (v != null) {
      String lat = String.format(Locale.ROOT, "%,.0f clocks = %.0f µs at %s MHz", f.clocksPerImage(), f.latencyUs(),
          mhz(f.coreMhz()));
      if (b != null) {
        lat += String.format(Locale.ROOT, ", %.0f µs at Fmax", f.latencyAtFmaxUs());
      }
      row(out, "latency per image", lat, spikerLatency);
    } else {
      row(out, "latency per image", "skipped (--no-verify: clocks come from the RTL run)", spikerLatency);
    }
    if (v != null && b != null) {
      row(out, "energy per image (ESTIMATE)", String.format(Locale.ROOT,
          "%.1f µJ (%.2f mW estimated at %s MHz, %s confidence)", f.energyUj(), b.powerMw(), mhz(b.powerClockMhz()),
          b.powerConfidence()), String.format(Locale.ROOT, "%.0f µJ (%.0f mW x %.0f µs)", SpikerPlus.energyUj(),
          SpikerPlus.POWER_MW, SpikerPlus.LATENCY_US));
    } else {
      row(out, "energy per image (ESTIMATE)", "needs the verify and bitstream steps",
          String.format(Locale.ROOT, "%.0f µJ", SpikerPlus.energyUj()));
    }
    row(out, "RTL == golden model", v == null ? "skipped (--no-verify)"
        : String.format(Locale.ROOT, "%d/%d images bit-exact (Verilator)", v.bitExact(), v.samples()), "not automated");
    if (learn == null) {
      row(out, "on-chip learning", "skipped (" + skippedBy + ")", "none (inference only)");
    } else {
      LearningVerifier.SimulatorReport s = learn.verify().report().simulators().get(0);
      row(out, "on-chip learning (RTL)", String.format(Locale.ROOT, "%d/%d images bit-exact (Verilator)", s.matching(),
          s.samples()), "none (inference only)");
      row(out, "  learning core", String.format(Locale.ROOT, "%s, %,.0f clocks/image, stage %.0f s", learn.arch(),
          s.cycles() / (double) s.samples(), learn.seconds()), "");
      LearningStageReport.Memory inf = learn.inference();
      LearningStageReport.Memory lm = learn.learning();
      row(out, "  memory inference/learning", String.format(Locale.ROOT, "%,d / %,d bits (x%.2f, spec)", inf.totalBits(),
          lm.totalBits(), lm.totalBits() / (double) inf.totalBits()), "");
      LearningStageReport.Logic il = learn.inferenceLogic();
      LearningStageReport.Logic ll = learn.learningLogic();
      if (il != null && ll != null) {
        row(out, "  LUT4 inference/learning", String.format(Locale.ROOT, "%,d / %,d of %,d (x%.2f), FF %,d / %,d, EBR %d / %d",
            il.luts(), ll.luts(), ll.partLuts(), ll.luts() / (double) il.luts(), il.flipFlops(), ll.flipFlops(),
            il.blockRams(), ll.blockRams()), "ESTIMATE: yosys synth_ice40");
      } else {
        row(out, "  logic inference/learning", "not synthesized (--no-bitstream)", "");
      }
      out.println("   note: the learning core is a " + learn.arch() + " integer desire network from a random start (the"
          + " float-trained network above cannot learn on chip: its thresholds are not powers of two); every weight"
          + " is compared with the golden model after every image. Its memory is computed from the spec (B + E-bit"
          + " weight words, spike histories, desire terms); its logic, with the bitstream step, is Yosys' count before"
          + " place and route (an ESTIMATE; no bitstream of the learning core is built here).");
    }
    out.println("   " + (SpikerPlus.sameTask(c.data().dataset()) ? "note: " : "NOTE: ")
        + SpikerPlus.datasetComparison(c.data().dataset(), q.intReport().samples()));
    double learnSeconds = learn == null ? 0 : learn.seconds();
    out.printf(Locale.ROOT, "   time: train %.0f s, quantize+accuracy %.0f s, compile %.0f s, verify %.0f s, bitstream %.0f s,"
        + " on-chip learning %.0f s; total %.0f s%n", r.secondsOf(Step.TRAIN), r.secondsOf(Step.QUANTIZE),
        r.secondsOf(Step.COMPILE), r.secondsOf(Step.VERIFY), r.secondsOf(Step.BITSTREAM), learnSeconds,
        r.totalSeconds() + learnSeconds);
    out.printf(Locale.ROOT, "   artefacts: %s, %s, %s, %s%n", outDir.resolve("model.json"), outDir.resolve("build"),
        outDir.resolve("results.json"), outDir.resolve("report.html"));
  }

  private static void row(PrintWriter out, String what, String ours, String spiker) {
    out.printf(Locale.ROOT, FMT, what, ours, spiker);
  }

  /** 12, 24 or 28.125: a clock without trailing zeros. */
  private static String mhz(double v) {
    return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }
}
