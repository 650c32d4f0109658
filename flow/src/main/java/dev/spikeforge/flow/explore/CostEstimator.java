package dev.spikeforge.flow.explore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.golden.json.JsonMappers;
import dev.spikeforge.golden.spec.hw.HwCore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast estimate of a core's logic cells, LUT4, flip-flops, block RAMs, SPRAMs and Fmax from its
 * hardware spec alone, in microseconds instead of minutes of yosys and nextpnr. Logic cells, LUT4 and
 * flip-flops are linear in {@link CoreShape#features()}, the clock period in {@link CoreShape#timingFeatures()};
 * the coefficients are least-squares fits to the real runs recorded in {@value #CALIBRATION} (made by
 * {@code bench/run-explore-calibration.sh}), computed when the estimator loads: nothing is typed in.
 * Block RAMs are Yosys' own choice re-enacted on the core's memories ({@link CoreShape#blockRams()}), SPRAMs
 * are exact.
 * Its error is measured twice: by leave-one-out over the recorded runs ({@link #errors()}: each run predicted
 * by a fit that never saw it) and on {@value #HELD_OUT}, real runs of random configurations kept out of the
 * fit altogether ({@link #heldOutErrors()}).
 */
public final class CostEstimator {
  /** Resource holding the recorded real runs. */
  public static final String CALIBRATION = "estimator-calibration.json";
  /** Resource holding real runs kept out of the fit, to measure its error ({@link #heldOutErrors()}). */
  public static final String HELD_OUT = "estimator-heldout.json";
  /** The configurations of the held-out runs, drawn at random (none among the calibration runs). */
  public static final String HELD_OUT_CONFIGS = "bench/explore-heldout2-configs.txt";

  /** A fitted linear metric. */
  private record Fit(double[] coef) {
    double apply(double[] x) {
      double s = 0;
      for (int i = 0; i < x.length; i++) {
        s += coef[i] * x[i];
      }
      return s;
    }
  }

  /**
   * One recorded real run.
   *
   * @param name     the configuration, e.g. {@code 784,32,10:4:8:4:icebreaker}
   * @param part     the FPGA part
   * @param shape    the core's spec
   * @param measured logicCells, lut4, flipFlops, blockRams, sprams, fmaxMhz from the run's reports (no fmaxMhz
   *                 for a run nextpnr refused at packing: its logic cells are nextpnr's count, the rest yosys')
   */
  record Run(String name, String part, CoreShape shape, Map<String, Double> measured) {}

  /**
   * The estimator's measured error on one metric, over the recorded runs, each held out of its own fit.
   *
   * @param metric  logicCells, lut4, flipFlops, blockRams, sprams or fmaxMhz
   * @param runs    runs compared
   * @param median  median relative error |estimate − real| / real
   * @param worst   largest relative error
   * @param exact   runs estimated exactly (integer metrics)
   */
  public record Error(String metric, int runs, double median, double worst, int exact) {}

  /**
   * An estimate of one core.
   *
   * @param logicCells ICESTORM_LC
   * @param lut4       SB_LUT4
   * @param flipFlops  flip-flops
   * @param blockRams  EBR
   * @param sprams     SPRAM (exact)
   * @param fmaxMhz    Fmax
   */
  public record Estimate(long logicCells, long lut4, long flipFlops, long blockRams, long sprams, double fmaxMhz) {}

  private static final String[] LINEAR = {"logicCells", "lut4", "flipFlops"};
  private static final String[] METRICS = {"logicCells", "lut4", "flipFlops", "blockRams", "sprams", "fmaxMhz"};

  private final List<Run> runs;
  private final Map<String, Fit> fits = new LinkedHashMap<>();
  private final Fit timing;
  private final Map<String, Error> errors = new LinkedHashMap<>();
  private final Map<String, Error> heldOut = new LinkedHashMap<>();

  private final String tools;

  private CostEstimator(List<Run> runs, String tools) {
    this.runs = List.copyOf(runs);
    this.tools = tools;
    for (String m : LINEAR) {
      fits.put(m, fit(runs, m, false));
    }
    timing = fit(runs, "fmaxMhz", true);
    for (String m : METRICS) {
      errors.put(m, leaveOneOut(m));
    }
  }

  private static CostEstimator loaded;

  /** The estimator fitted to the bundled calibration runs, its error measured on the bundled held-out runs. */
  public static synchronized CostEstimator bundled() {
    if (loaded == null) {
      JsonNode root = resource(CALIBRATION);
      CostEstimator e = new CostEstimator(parse(root), root.get("tools").textValue());
      e.heldOut.putAll(e.errorsOn(heldOutRuns()));
      loaded = e; // published complete: a held-out resource that fails to load fails every call
    }
    return loaded;
  }

  /**
   * The error on real runs the fit never saw: for the bundled estimator those of {@value #HELD_OUT} (the
   * configurations of {@value #HELD_OUT_CONFIGS}, drawn at random, none among the calibration runs), each
   * metric over the runs that measured it; empty for an estimator fitted to given runs.
   */
  public Map<String, Error> heldOutErrors() {
    return Collections.unmodifiableMap(heldOut);
  }

  /** The held-out real runs of {@value #HELD_OUT}. */
  static List<Run> heldOutRuns() {
    return parse(resource(HELD_OUT));
  }

  private static JsonNode resource(String name) {
    try (InputStream in = CostEstimator.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the flow jar");
      }
      return JsonMappers.strict().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The estimator fitted to {@code runs} (tests). */
  static CostEstimator of(List<Run> runs) {
    return new CostEstimator(runs, "(given runs)");
  }

  static List<Run> parse(JsonNode root) {
    List<Run> out = new ArrayList<>();
    for (JsonNode r : root.get("runs")) {
      Map<String, Double> m = new LinkedHashMap<>();
      r.get("measured").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().doubleValue()));
      out.add(new Run(r.get("name").textValue(), r.get("part").textValue(),
          new CoreShape(r.get("shape").get("hardware"), r.get("shape").get("memories")), m));
    }
    return out;
  }

  /** The recorded runs. */
  List<Run> runs() {
    return runs;
  }

  /** The tool versions of the recorded runs, from the calibration file. */
  public String tools() {
    return tools;
  }

  /** The leave-one-out error of each metric. */
  public Map<String, Error> errors() {
    return Collections.unmodifiableMap(errors);
  }

  /** Estimates {@code core} on {@code part}. */
  public Estimate estimate(HwCore core, String part) {
    return estimate(CoreShape.of(core), part);
  }

  Estimate estimate(CoreShape s, String part) {
    double[] x = s.features();
    return new Estimate(Math.round(fits.get("logicCells").apply(x)), Math.round(fits.get("lut4").apply(x)),
        Math.round(fits.get("flipFlops").apply(x)), s.blockRams(), s.sprams(),
        1000.0 / timing.apply(timingX(s, part)));
  }

  private static double[] timingX(CoreShape s, String part) {
    double[] t = s.timingFeatures();
    double[] x = Arrays.copyOf(t, t.length + 1);
    x[t.length] = part.startsWith("iCE40HX") ? 1 : 0;
    return x;
  }

  private static Fit fit(List<Run> runs, String metric, boolean period) {
    List<double[]> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (Run r : runs) {
      if (!r.measured().containsKey(metric)) {
        continue; // a run nextpnr refused at packing has no Fmax
      }
      if (period) {
        xs.add(timingX(r.shape(), r.part()));
        ys.add(1000.0 / r.measured().get("fmaxMhz"));
      } else {
        xs.add(r.shape().features());
        ys.add(r.measured().get(metric));
      }
    }
    return new Fit(LeastSquares.solve(xs, ys));
  }

  private double predict(Run r, String metric, List<Run> fitOn) {
    return switch (metric) {
      case "blockRams" -> r.shape().blockRams();
      case "sprams" -> r.shape().sprams();
      case "fmaxMhz" -> 1000.0 / fit(fitOn, metric, true).apply(timingX(r.shape(), r.part()));
      default -> Math.round(fit(fitOn, metric, false).apply(r.shape().features()));
    };
  }

  private Error leaveOneOut(String metric) {
    List<Run> with = runs.stream().filter(r -> r.measured().containsKey(metric)).toList();
    double[] est = new double[with.size()];
    for (int i = 0; i < with.size(); i++) {
      List<Run> rest = new ArrayList<>(with);
      Run held = rest.remove(i);
      est[i] = predict(held, metric, rest);
    }
    return error(metric, with, est);
  }

  /**
   * The error of this fit on runs it was not fitted to (e.g. {@link #HELD_OUT}): each metric over the runs
   * that measured it.
   */
  Map<String, Error> errorsOn(List<Run> heldOut) {
    Map<String, Error> out = new LinkedHashMap<>();
    for (String metric : METRICS) {
      List<Run> with = heldOut.stream().filter(r -> r.measured().containsKey(metric)).toList();
      double[] est = new double[with.size()];
      for (int i = 0; i < with.size(); i++) {
        est[i] = predict(with.get(i), metric, runs);
      }
      out.put(metric, error(metric, with, est));
    }
    return out;
  }

  private static Error error(String metric, List<Run> with, double[] est) {
    double[] real = with.stream().mapToDouble(r -> r.measured().get(metric)).toArray();
    return error(metric, real, est);
  }

  /**
   * The relative error |estimate − real| / real of {@code metric} over pairs of real and estimated values
   * (median, worst, and how many are exact to 0.5): the same statistic for leave-one-out, held-out runs and a
   * sweep's real runs.
   */
  static Error error(String metric, double[] real, double[] est) {
    double[] rel = new double[real.length];
    int exact = 0;
    for (int i = 0; i < real.length; i++) {
      rel[i] = Math.abs(est[i] - real[i]) / Math.max(1e-9, Math.abs(real[i]));
      if (Math.abs(est[i] - real[i]) < 0.5) {
        exact++;
      }
    }
    double[] sorted = rel.clone();
    Arrays.sort(sorted);
    double median = sorted.length == 0 ? Double.NaN
        : sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    return new Error(metric, real.length, median, sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], exact);
  }

  /**
   * The estimator's error on a sweep's points built for real: each real metric against the estimate kept
   * beside it (Fmax: the median over the placement seeds), over the points that have both.
   */
  static Map<String, Error> errorsOnRealPoints(List<PointResult> points) {
    Map<String, Error> out = new LinkedHashMap<>();
    for (String metric : METRICS) {
      List<double[]> pairs = new ArrayList<>();
      for (PointResult p : points) {
        Measure m = p.realDir() == null ? null : p.metrics().get(metric);
        if (m != null && "real".equals(m.source()) && m.estimate() != null) {
          pairs.add(new double[] {m.value(), m.estimate()});
        }
      }
      if (!pairs.isEmpty()) {
        out.put(metric, error(metric, pairs.stream().mapToDouble(x -> x[0]).toArray(),
            pairs.stream().mapToDouble(x -> x[1]).toArray()));
      }
    }
    return out;
  }
}
