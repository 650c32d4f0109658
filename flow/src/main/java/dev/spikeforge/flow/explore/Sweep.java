package dev.spikeforge.flow.explore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.flow.DataConfig;
import dev.spikeforge.golden.json.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep description ({@code spikeforge.sweep}, version 1; every field in docs/explore.md): the model
 * the points share, the data they are measured on, the axes and fixed settings that make the points,
 * the objectives of the Pareto front, the constraints and how many points are synthesized for real.
 * Immutable and validated: {@link #read} refuses a bad file with one {@link SweepException} naming the field.
 *
 * @param name        the sweep's name ([A-Za-z0-9_-]+)
 * @param seed        seed of the random sample of real runs and of the Poisson encoder
 * @param model       the float model every point quantizes
 * @param data        dataset and image counts
 * @param fixed       settings held at one value (every parameter that is neither fixed nor an axis is at its
 *                    default, {@link Parameter#defaultJson()})
 * @param axes        parameter → values, in file order; the points are their cartesian product, the last axis
 *                    varying fastest
 * @param objectives  metric → true to maximize, false to minimize, in file order (at least two)
 * @param constraints constraints every feasible point meets
 * @param synthesis   which points run through yosys/nextpnr for real
 */
public record Sweep(String name, long seed, ModelSource model, DataSettings data, Map<Parameter, Object> fixed,
    Map<Parameter, List<Object>> axes, Map<Metric, Boolean> objectives, List<Constraint> constraints,
    SynthesisPlan synthesis) {

  /** Value of {@code format} in every sweep file. */
  public static final String FORMAT = "spikeforge.sweep";
  /** The version this reader understands. */
  public static final int VERSION = 1;
  /** Most points a sweep may have. */
  public static final int MAX_POINTS = 100_000;

  public Sweep {
    fixed = Collections.unmodifiableMap(new EnumMap<>(fixed));
    axes = Collections.unmodifiableMap(new LinkedHashMap<>(axes));
    objectives = Collections.unmodifiableMap(new LinkedHashMap<>(objectives));
    constraints = List.copyOf(constraints);
  }

  /**
   * Where the float model comes from: a file, a training run the sweep makes once (cached under the
   * sweep's output directory), or a closed-form linear readout fitted in seconds ({@code fitLinear}).
   *
   * @param file         a float model file ({@code spikeforge.float-network}), resolved against the sweep file's
   *                     directory; null to train or fit
   * @param arch         training: layer sizes, e.g. 784-16-10; {@code fitLinear} for the ridge fit (784-10)
   * @param epochs       training: epochs
   * @param trainSamples training or fit: images (the first ones of the training split)
   * @param seed         training: seed of the weights and sample order
   * @param timesteps    training or fit: T
   * @param ridge        fit: L2 regularisation
   */
  public record ModelSource(Path file, String arch, int epochs, int trainSamples, long seed, int timesteps,
      double ridge) {
    /** Whether the model is the closed-form linear readout. */
    public boolean fitLinear() {
      return FIT_LINEAR.equals(arch);
    }
  }

  /** {@link ModelSource#arch()} of the closed-form linear readout. */
  static final String FIT_LINEAR = "fitLinear";

  /**
   * The data the points are measured on.
   *
   * @param dataset           fashion-mnist or mnist-subset
   * @param dataDir           its directory, or null for the default
   * @param testImages        test images of the accuracy and the cycle count (the first ones)
   * @param calibrationImages training images of the scale and membrane calibration (the last ones)
   */
  public record DataSettings(String dataset, String dataDir, int testImages, int calibrationImages) {}

  /**
   * Which points are built for real (yosys, nextpnr-ice40 over placement seeds 1..N, icepack).
   *
   * @param real      {@code none} (estimates only) or {@code front} (the Pareto front, points near it and a
   *                  random sample)
   * @param nearFront also points within this fraction of the front on every objective (0: the front only)
   * @param random    also this many other points drawn at random (seeded), to keep the estimator honest
   * @param max       at most this many real runs in all
   * @param seeds     nextpnr placement seeds per real run (1..N): its Fmax is the median over them, the best
   *                  and every seed's kept beside it ({@value #DEFAULT_SEEDS} by default)
   */
  public record SynthesisPlan(String real, double nearFront, int random, int max, int seeds) {
    /** Placement seeds per real run unless the sweep says otherwise. */
    public static final int DEFAULT_SEEDS = 3;

    /** Estimates only. */
    public static SynthesisPlan none() {
      return new SynthesisPlan("none", 0, 0, 0, DEFAULT_SEEDS);
    }

    /** Whether any point runs for real. */
    public boolean enabled() {
      return !real.equals("none") && max > 0;
    }
  }

  /** The points, in order: the cartesian product of the axes over the fixed settings and defaults. */
  public List<PointSettings> points() {
    List<Map<Parameter, Object>> out = new ArrayList<>();
    Map<Parameter, Object> base = new EnumMap<>(Parameter.class);
    for (Parameter p : Parameter.values()) {
      base.put(p, fixed.containsKey(p) ? fixed.get(p) : p.parse(readTree(p.defaultJson()), p.key()));
    }
    out.add(base);
    for (Map.Entry<Parameter, List<Object>> a : axes.entrySet()) {
      List<Map<Parameter, Object>> next = new ArrayList<>();
      for (Map<Parameter, Object> m : out) {
        for (Object v : a.getValue()) {
          Map<Parameter, Object> c = new EnumMap<>(m);
          c.put(a.getKey(), v);
          next.add(c);
        }
      }
      out = next;
    }
    List<PointSettings> points = new ArrayList<>();
    for (Map<Parameter, Object> m : out) {
      points.add(PointSettings.of(m));
    }
    return points;
  }

  /** Number of points. */
  public long size() {
    long n = 1;
    for (List<Object> v : axes.values()) {
      n *= v.size();
    }
    return n;
  }

  /**
   * Reads and validates a sweep file.
   *
   * @throws SweepException naming the field at fault (or {@code (file)}, {@code (json)})
   */
  public static Sweep read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new SweepException("(file)", file + " does not exist; give a sweep file such as examples/sweeps/tiny.json");
    } catch (IOException e) {
      throw new SweepException("(file)", file + " cannot be read: " + e.getMessage());
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, dir);
  }

  /** Parses a sweep from JSON text; relative model files resolve against {@code dir}. */
  public static Sweep parse(String json, Path dir) {
    return parse(json, dir, true);
  }

  /**
   * The same; {@code checkModelFile} false where the model file need not exist (a JVM evaluating batches
   * gets the model itself in its {@link PointJob}).
   */
  static Sweep parse(String json, Path dir, boolean checkModelFile) {
    JsonNode root;
    try {
      root = JsonMappers.strict().readTree(json);
    } catch (JsonProcessingException e) {
      throw new SweepException("(json)", "is not valid JSON: " + e.getOriginalMessage() + " (line "
          + e.getLocation().getLineNr() + ")");
    }
    SweepException.require(root != null && root.isObject(), "(json)", "must be a JSON object with format \""
        + FORMAT + "\"");
    Fields f = new Fields((ObjectNode) root, "");
    f.allow("format", "version", "name", "seed", "model", "data", "fixed", "axes", "objectives", "constraints",
        "synthesis");
    SweepException.require(FORMAT.equals(f.text("format", null)), "format", "must be \"" + FORMAT + "\"");
    SweepException.require(f.integer("version", -1, 1, 1000) == VERSION, "version",
        "must be " + VERSION + " (this spikeforge reads sweep version " + VERSION + ")");
    String name = f.text("name", null);
    SweepException.require(name != null && name.matches("[A-Za-z0-9_-]+"), "name",
        "must be a name of letters, digits, '_' and '-', got " + name);
    long seed = f.has("seed") ? f.longValue("seed") : 1;

    Fields m = f.object("model", true);
    m.allow("file", "train", "fitLinear");
    SweepException.require((m.has("file") ? 1 : 0) + (m.has("train") ? 1 : 0) + (m.has("fitLinear") ? 1 : 0) == 1,
        "model", "needs exactly one of \"file\" (a float model), \"train\" (arch, epochs, trainSamples, seed,"
            + " timesteps) or \"fitLinear\" (trainSamples, timesteps, ridge)");
    ModelSource model;
    if (m.has("file")) {
      Path p = Path.of(m.text("file", null));
      Path resolved = p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
      SweepException.require(!checkModelFile || Files.isRegularFile(resolved), "model.file", resolved
          + " does not exist; train one with 'spikeforge train' (float-model.json) or use \"train\"");
      model = new ModelSource(resolved, null, 0, 0, 0, 0, 0);
    } else if (m.has("fitLinear")) {
      Fields t = m.object("fitLinear", true);
      t.allow("trainSamples", "timesteps", "ridge");
      double ridge = t.has("ridge") ? t.number("ridge") : 10.0;
      SweepException.require(ridge > 0, "model.fitLinear.ridge", "must be positive, got " + ridge);
      model = new ModelSource(null, FIT_LINEAR, 0, t.integer("trainSamples", 60_000, 100, 60_000), 0,
          t.integer("timesteps", 20, 1, 1000), ridge);
    } else {
      Fields t = m.object("train", true);
      t.allow("arch", "epochs", "trainSamples", "seed", "timesteps");
      String arch = t.text("arch", null);
      SweepException.require(arch != null && arch.matches("784(-[0-9]+)+"), "model.train.arch",
          "must be sizes such as 784-16-10 (784 inputs first), got " + arch);
      model = new ModelSource(null, arch, t.integer("epochs", 1, 1, 1000), t.integer("trainSamples", 60_000, 100, 60_000),
          t.has("seed") ? t.longValue("seed") : 1, t.integer("timesteps", 20, 1, 1000), 0);
    }

    Fields d = f.object("data", false);
    d.allow("dataset", "dataDir", "testImages", "calibrationImages");
    String dataset = d.text("dataset", "fashion-mnist");
    SweepException.require(DataConfig.DATASETS.contains(dataset), "data.dataset",
        "must be one of " + String.join(", ", DataConfig.DATASETS) + ", got " + dataset);
    DataSettings data = new DataSettings(dataset, d.text("dataDir", null), d.integer("testImages", 10_000, 1, 10_000),
        d.integer("calibrationImages", 2000, 1, 60_000));

    Map<Parameter, Object> fixed = new EnumMap<>(Parameter.class);
    Fields fx = f.object("fixed", false);
    for (String k : fx.names()) {
      Parameter p = parameter(k, "fixed." + k);
      fixed.put(p, p.parse(fx.node.get(k), "fixed." + k));
    }
    Map<Parameter, List<Object>> axes = new LinkedHashMap<>();
    Fields ax = f.object("axes", true);
    SweepException.require(!ax.names().isEmpty(), "axes", "is empty; give at least one axis, e.g. \"weightBits\": [2, 4, 8]");
    long size = 1;
    for (String k : ax.names()) {
      String field = "axes." + k;
      Parameter p = parameter(k, field);
      SweepException.require(!fixed.containsKey(p), field, "is also under fixed; keep it in one place");
      JsonNode v = ax.node.get(k);
      SweepException.require(v.isArray(), field, "must be a list of values, e.g. [2, 4, 8]; put a single value under fixed");
      SweepException.require(v.size() > 0, field, "is empty; give at least one value (" + p.accepts() + ")");
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        Object o = p.parse(v.get(i), field + "[" + i + "]");
        SweepException.require(!values.contains(o), field + "[" + i + "]", "repeats " + v.get(i));
        values.add(o);
      }
      axes.put(p, values);
      size *= values.size();
      SweepException.require(size <= MAX_POINTS, "axes", "make more than " + MAX_POINTS + " points; split the sweep");
    }

    Map<Metric, Boolean> objectives = new LinkedHashMap<>();
    Fields ob = f.object("objectives", true);
    for (String k : ob.names()) {
      Metric mt = Metric.byKey(k);
      SweepException.require(mt != null, "objectives." + k, "is not a metric; use one of " + Metric.keys());
      String dirn = ob.text(k, null);
      SweepException.require("max".equals(dirn) || "min".equals(dirn), "objectives." + k,
          "must be \"max\" or \"min\", got " + ob.node.get(k));
      objectives.put(mt, dirn.equals("max"));
    }
    SweepException.require(objectives.size() >= 2, "objectives",
        "needs at least two, e.g. {\"accuracy\": \"max\", \"logicCells\": \"min\"}");

    List<Constraint> constraints = new ArrayList<>();
    if (f.has("constraints")) {
      JsonNode c = f.node.get("constraints");
      SweepException.require(c.isArray(), "constraints", "must be a list such as [\"fits: icebreaker\", \"accuracy >= 0.84\"]");
      for (int i = 0; i < c.size(); i++) {
        SweepException.require(c.get(i).isTextual(), "constraints[" + i + "]", "must be a string, got " + c.get(i));
        constraints.add(Constraint.parse(c.get(i).textValue(), "constraints[" + i + "]"));
      }
    }

    SynthesisPlan plan = SynthesisPlan.none();
    if (f.has("synthesis")) {
      Fields s = f.object("synthesis", true);
      s.allow("real", "nearFront", "random", "max", "seeds");
      String real = s.text("real", "none");
      SweepException.require(real.equals("none") || real.equals("front"), "synthesis.real",
          "must be \"none\" (estimates only) or \"front\" (the Pareto front, near it and a random sample), got " + real);
      double near = s.has("nearFront") ? s.number("nearFront") : 0;
      SweepException.require(near >= 0 && near <= 1, "synthesis.nearFront", "must be a fraction in [0, 1], got " + near);
      plan = new SynthesisPlan(real, near, s.integer("random", 0, 0, 10_000), s.integer("max", 8, 0, 10_000),
          s.integer("seeds", SynthesisPlan.DEFAULT_SEEDS, 1, 20));
    }
    return new Sweep(name, seed, model, data, fixed, axes, objectives, constraints, plan);
  }

  private static Parameter parameter(String k, String field) {
    Parameter p = Parameter.byKey(k);
    SweepException.require(p != null, field, "is not a sweep parameter; use one of " + Parameter.keys());
    return p;
  }

  private static JsonNode readTree(String json) {
    try {
      return JsonMappers.strict().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An object of the sweep file with its path, for messages. */
  private record Fields(ObjectNode node, String path) {
    String at(String k) {
      return path.isEmpty() ? k : path + "." + k;
    }

    boolean has(String k) {
      return node.has(k) && !node.get(k).isNull();
    }

    List<String> names() {
      List<String> n = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        n.add(it.next());
      }
      return n;
    }

    void allow(String... keys) {
      Set<String> ok = Set.of(keys);
      for (String k : names()) {
        SweepException.require(ok.contains(k), at(k), "is not a field here; allowed: " + String.join(", ", keys));
      }
    }

    Fields object(String k, boolean required) {
      if (!has(k)) {
        SweepException.require(!required, at(k), "is missing");
        return new Fields(JsonMappers.strict().createObjectNode(), at(k));
      }
      SweepException.require(node.get(k).isObject(), at(k), "must be a JSON object, got " + node.get(k));
      return new Fields((ObjectNode) node.get(k), at(k));
    }

    String text(String k, String dflt) {
      if (!has(k)) {
        return dflt;
      }
      SweepException.require(node.get(k).isTextual(), at(k), "must be a string, got " + node.get(k));
      return node.get(k).textValue();
    }

    int integer(String k, int dflt, int min, int max) {
      if (!has(k)) {
        SweepException.require(dflt >= min, at(k), "is missing");
        return dflt;
      }
      JsonNode v = node.get(k);
      SweepException.require(v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= min && v.intValue() <= max,
          at(k), "must be an integer in " + min + ".." + max + ", got " + v);
      return v.intValue();
    }

    long longValue(String k) {
      JsonNode v = node.get(k);
      SweepException.require(v.isIntegralNumber() && v.canConvertToLong(), at(k), "must be an integer, got " + v);
      return v.longValue();
    }

    double number(String k) {
      JsonNode v = node.get(k);
      SweepException.require(v.isNumber(), at(k), "must be a number, got " + v);
      return v.doubleValue();
    }
  }
}
