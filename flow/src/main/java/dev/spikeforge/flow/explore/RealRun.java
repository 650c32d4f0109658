package dev.spikeforge.flow.explore;

import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.Boards;
import dev.spikeforge.boards.flow.CoreClock;
import dev.spikeforge.boards.flow.FlowOptions;
import dev.spikeforge.boards.flow.FlowResult;
import dev.spikeforge.boards.flow.ResourceUse;
import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.cycles.CycleSummary;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.flow.Bitstreams;
import dev.spikeforge.flow.FlowEvents;
import dev.spikeforge.golden.spec.hw.HwCore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A point built for real: its network compiled into {@code real/<hash>/} (RTL, memory images, manifest)
 * and run through the bitstream flow (UART board top, yosys, nextpnr-ice40 with the board clock as target,
 * timing failure allowed, icepack) once per placement seed 1..N ({@code synthesis.seeds}), Yosys once: the other
 * seeds place the same netlist ({@link FlowOptions#reuseSynthesis()}). nextpnr's Fmax
 * moves with the seed, so the point's Fmax is the median over the seeds, every seed's value and the best
 * kept beside it; the resource counts are seed 1's. The hardware metrics become {@code real} with the
 * estimate kept beside each; energy is recomputed from the real resources (still an estimate: the power
 * model's). A learning point is built as a learning core (the board top carries its TRAIN and READ frames).
 * A run that fails is recorded in the point's reason and the estimates stay; a core too large for the part
 * ({@link dev.spikeforge.boards.flow.DesignTooLargeException}) also sets the point's {@code fits} for its board
 * to false.
 */
final class RealRun {
  private RealRun() {}

  static PointResult run(PointEvaluator ev, PointResult p, Path out, int seeds, FlowEvents events) {
    if (!p.ok() || (p.reason() != null && p.reason().startsWith("real run failed"))) {
      return p;
    }
    if (p.realDir() != null) {
      List<Double> done = p.metrics().get(Metric.FMAX_MHZ.key()).seeds();
      if (done != null && done.size() == seeds) {
        return p; // built before with as many seeds
      }
      p = p.estimatedOnly();
    }
    PointSettings s = p.settings();
    String rel = "real/" + p.hash().substring(0, 16);
    Path dir = out.resolve(rel);
    try {
      PointEvaluator.Quantized q = ev.quantized(s);
      HwCore core = PointEvaluator.map(q.network(), s);
      MappingOptions opts = new MappingOptions(s.lanes(), MappingOptions.AUTO,
          MappingOptions.WeightMemory.parse(s.weightMemory()));
      CompileConfig config = new CompileConfig(opts, s.board(), 1, 1);
      if (s.learns()) { // the learning board top; one that does not fit the part is a recorded failure below
        config = config.withLearning(LearningCore.unit(q.network(), ev.dataset()));
      }
      Compiler.compile(q.network(), config, dir);
      Board board = Boards.bundled(s.board());
      events.log().printf(Locale.ROOT, "  real run of point %s (%s) in %s, placement seeds 1..%d%n",
          p.hash().substring(0, 16), s.label(), dir, seeds);
      events.log().flush();
      // seeds N..1, seed 1 last: the build directory keeps seed 1's bitstream and reports; Yosys runs for the
      // first only, the other seeds place its netlist again (FlowOptions.reuseSynthesis)
      Double[] fmax = new Double[seeds];
      FlowResult f = null;
      for (int seed = seeds; seed >= 1; seed--) {
        f = Bitstreams.build(BuildDirectory.load(dir), board,
            FlowOptions.defaults().withSeed(seed).withAllowTimingFail(true).withReuseSynthesis(true), events);
        fmax[seed - 1] = PointEvaluator.round(f.timing().worstFmaxMhz(), 2);
      }
      Map<String, Measure> m = new LinkedHashMap<>(p.metrics());
      real(m, "logicCells", f.utilization().get("logicCells"));
      real(m, "lut4", f.utilization().get("lut4"));
      real(m, "flipFlops", f.utilization().get("flipFlops"));
      real(m, "blockRams", f.utilization().get("blockRams"));
      List<Double> perSeed = List.of(fmax);
      m.put("fmaxMhz", new Measure(PointEvaluator.round(Measure.median(perSeed), 2), "real",
          m.get("fmaxMhz").value(), perSeed));
      CycleSummary cyc = dev.spikeforge.compiler.cycles.CycleModel.summarize(core, q.traces(), q.inputs());
      PointEvaluator.fillTiming(m, cyc, CoreClock.ofBoard(board).coreMhz(), board, "derived-estimate",
          f.utilization().resources().stream().filter(u -> u.name().equals("dsps")).mapToLong(ResourceUse::used)
              .sum());
      Measure energy = m.get(Metric.ENERGY_UJ.key());
      m.put(Metric.ENERGY_UJ.key(), new Measure(energy.value(), energy.source(),
          p.metrics().get(Metric.ENERGY_UJ.key()).value())); // the estimate-only energy beside it
      // fits stays as estimated: the run placed and routed, so the point fits its board, as the estimate said
      return new PointResult(p.hash(), s, p.status(), p.reason(), p.network(), p.membraneBits(), m, p.fits(), rel);
    } catch (RuntimeException e) {
      Map<String, Boolean> fits = new LinkedHashMap<>(p.fits());
      String why = PointEvaluator.message(e);
      if (e instanceof dev.spikeforge.boards.flow.DesignTooLargeException) {
        fits.put(s.board(), false);
      }
      return new PointResult(p.hash(), s, p.status(), "real run failed (estimates kept): " + why, p.network(),
          p.membraneBits(), p.metrics(), fits, null);
    } catch (java.io.IOException e) {
      return new PointResult(p.hash(), s, p.status(), "real run failed (estimates kept): " + e.getMessage(),
          p.network(), p.membraneBits(), p.metrics(), p.fits(), null);
    }
  }

  private static void real(Map<String, Measure> m, String key, ResourceUse u) {
    Measure est = m.get(key);
    m.put(key, new Measure(u.used(), "real", est.value()));
  }
}
