package dev.spikeforge.cli;

import dev.spikeforge.flow.ConfigException;
import dev.spikeforge.flow.explore.CostEstimator;
import dev.spikeforge.flow.explore.Explore;
import dev.spikeforge.flow.explore.ExploreReport;
import dev.spikeforge.flow.explore.ExploreRequest;
import dev.spikeforge.flow.explore.Metric;
import dev.spikeforge.flow.explore.PointResult;
import dev.spikeforge.flow.explore.SweepException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spikeforge explore}: a design-space sweep, run by the flow's explore API. */
@Command(name = "explore", mixinStandardHelpOptions = true,
    description = {"Explore a design space: every point of a sweep file (axes over weight and",
        "membrane bits, lanes, weight memory, binarized layers, early exit, encoder, T,",
        "board, learning unit) measured for accuracy (integer golden model), clocks per",
        "image (cycle model), latency, throughput and energy (estimate), with logic cells,",
        "memories and Fmax from the fast estimator (its measured error reported) or, for",
        "the points the sweep picks, from yosys/nextpnr (Fmax: median over placement",
        "seeds). Writes DIR/pareto.json, pareto.csv, accuracy-vs-*.svg and .png and",
        "report.html. Points are cached in DIR/points: a rerun or an interrupted sweep",
        "computes only what is missing. The same sweep on Apache Spark: explore-spark.",
        "The sweep file format and every metric's source: docs/explore.md.",
        "",
        "Example: spikeforge explore examples/sweeps/tiny.json -o build/tiny-sweep"})
final class ExploreCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SWEEP", description = "The sweep file (spikeforge.sweep JSON).")
  Path sweep;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "The output directory.")
  Path output;

  @Option(names = "--threads", paramLabel = "N", description = "Threads of the golden-model runs. Default: all cores.")
  int threads;

  @Option(names = "--cycle-images", paramLabel = "N",
      description = "Test images the cycle model counts clocks on per point. Default: "
          + ExploreRequest.DEFAULT_CYCLE_IMAGES + ".")
  int cycleImages = ExploreRequest.DEFAULT_CYCLE_IMAGES;

  @Option(names = "--estimates-only", description = "No real synthesis, whatever the sweep's synthesis field says.")
  boolean estimatesOnly;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ExploreReport r;
    try {
      r = Explore.run(new ExploreRequest(sweep, output, threads, cycleImages, estimatesOnly), new CliEvents(out));
    } catch (SweepException e) {
      String field = switch (e.field()) {
        case "threads" -> "--threads";
        case "cycleImages" -> "--cycle-images";
        case "outDir" -> "-o";
        case "sweep", "(file)" -> "SWEEP";
        default -> sweep + ": " + e.field();
      };
      throw new UserException(field + " " + e.problem());
    } catch (ConfigException e) {
      throw ConfigErrors.of(e);
    }
    out.printf(Locale.ROOT, "%d points: %d computed, %d read back from %s; %d failed; %d synthesized for real%n",
        r.points().size(), r.computed(), r.points().size() - r.computed(), output.resolve(Explore.POINTS), r.failed(),
        r.real());
    CostEstimator.Error lc = CostEstimator.bundled().errors().get("logicCells");
    out.printf(Locale.ROOT, "estimator error (leave-one-out over %d real runs): logic cells median %.1f %%, worst %.1f %%%n",
        lc.runs(), 100 * lc.median(), 100 * lc.worst());
    out.println("Pareto front (" + r.frontIndices().size() + " points):");
    for (int i : r.frontIndices()) {
      PointResult p = r.points().get(i);
      out.printf(Locale.ROOT, "  #%-4d %-44s acc %6.2f %%  %5.0f LC (%s)  %8.1f µs  %8.3f µJ%n", i, p.settings().label(),
          100 * p.value(Metric.ACCURACY), p.value(Metric.LOGIC_CELLS), p.metrics().get("logicCells").source(),
          p.value(Metric.LATENCY_US), p.value(Metric.ENERGY_UJ));
    }
    for (Path f : r.files()) {
      out.println("wrote " + f);
    }
    out.printf(Locale.ROOT, "%.1f s%n", r.seconds());
    return 0;
  }
}
