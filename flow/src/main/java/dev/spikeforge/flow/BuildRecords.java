package dev.spikeforge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.boards.Boards;
import dev.spikeforge.boards.flow.ResourceUse;
import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.BuildException;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.EpochMetrics;
import dev.spikeforge.golden.train.MetricsFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a build records, read back for the HTML report. {@code BUILD} is either a flow output
 * directory ({@code build/}, {@code results.json}, {@code train/}, {@code reports/}: what the demo
 * writes) or a build directory of {@code spikeforge compile} ({@code manifest.json}, …, with
 * {@code reports/} from {@code verify} and {@code bitstream}). Only the manifest and the network are
 * required; every other record may be absent, and {@link #absent} says which and why. Nothing is
 * computed here but file hashes.
 */
final class BuildRecords {
  /** The record the report step writes for the report command: the build's config. */
  static final String CONFIG = "reports/build-config.json";

  /** The two kinds of directory a report is made of. */
  enum Kind { FLOW, BUILD }

  final Path dir;
  final Kind kind;
  final Path build;
  final JsonNode manifest;
  final NetworkSpec network;
  final JsonNode compileConfig;
  /** The flow's config, or null (a compile build, or a flow that stopped before its report step). */
  final BuildConfig config;
  final JsonNode results;
  final QuantizeOutcome quantize;
  final List<EpochMetrics> epochs;
  final Path epochsFile;
  final JsonNode verify;
  final BitstreamOutcome bitstream;
  final JsonNode timing;
  final JsonNode power;
  final JsonNode utilization;
  /** Files of the manifest whose bytes no longer match their SHA-256 there (or that are missing). */
  final List<String> changed = new ArrayList<>();
  /** Records absent or unreadable: what → why. */
  final Map<String, String> absent = new LinkedHashMap<>();

  private BuildRecords(Path dir) {
    this.dir = dir;
    String d = dir.toString();
    if (!Files.exists(dir)) {
      throw new BuildException(d + " does not exist; give a build directory ('spikeforge compile MODEL -o DIR') or the"
          + " output directory of 'spikeforge demo' (build/demo)");
    }
    if (!Files.isDirectory(dir)) {
      throw new BuildException(d + " is a file, not a build directory; give the directory that holds manifest.json"
          + " ('spikeforge compile MODEL -o DIR') or the output directory of 'spikeforge demo' (build/demo)");
    }
    if (Files.isRegularFile(dir.resolve(BuildDirectory.MANIFEST))) {
      kind = Kind.BUILD;
      build = dir;
    } else if (Files.isRegularFile(dir.resolve("build").resolve(BuildDirectory.MANIFEST))) {
      kind = Kind.FLOW;
      build = dir.resolve("build");
    } else {
      throw new BuildException(d + " is not a spikeforge build: neither " + dir.resolve(BuildDirectory.MANIFEST)
          + " nor " + dir.resolve("build").resolve(BuildDirectory.MANIFEST) + " exists; make one with"
          + " 'spikeforge compile"
          + " MODEL -o " + d + "' or 'spikeforge demo --out " + d + "'");
    }
    manifest = required(build.resolve(BuildDirectory.MANIFEST));
    if (!"spikeforge.build".equals(manifest.path("format").asText())) {
      throw new BuildException(build.resolve(BuildDirectory.MANIFEST) + " is not a spikeforge build manifest (its"
          + " format is '" + manifest.path("format").asText() + "'); rebuild it with 'spikeforge compile MODEL -o "
          + build + "'");
    }
    try {
      network = NetworkJson.read(build.resolve(BuildDirectory.NETWORK));
    } catch (RuntimeException e) {
      throw new BuildException("cannot read the network of " + build + " (" + BuildDirectory.NETWORK + "): "
          + e.getMessage() + "; rebuild it with 'spikeforge compile MODEL -o " + build + "'", e);
    }
    checkHashes();
    compileConfig = optional(build.resolve(BuildDirectory.CONFIG), "compile configuration", "not written by compile");
    config = kind == Kind.FLOW ? buildConfig() : null;
    results = kind == Kind.FLOW ? optional(dir.resolve(ResultsJson.FILE), "results.json",
        "the flow stopped before its report step (a failed verification stops it)") : null;
    quantize = kind == Kind.FLOW ? quantizeOutcome() : null;
    epochsFile = metricsFile();
    epochs = epochsFile == null ? null : epochs(epochsFile);
    verify = optional(build.resolve("reports/verify.json"), "RTL verification",
        "not run on this build ('spikeforge verify " + build + "', or the demo without --no-verify)");
    utilization = optional(build.resolve("reports/utilization.json"), "utilization report",
        "no bitstream was built ('spikeforge bitstream " + build + "', or the demo without --no-bitstream)");
    timing = utilization == null ? null : optional(build.resolve("reports/timing.json"), "timing report",
        "missing beside utilization.json");
    power = utilization == null ? null : optional(build.resolve("reports/power.json"), "power estimate",
        "missing beside utilization.json");
    bitstream = utilization != null && timing != null && power != null ? bitstreamOutcome() : null;
  }

  /** Reads {@code dir}. */
  static BuildRecords read(Path dir) {
    return new BuildRecords(dir);
  }

  /** The verification as the flow's outcome (its first simulator), or null. */
  VerifyOutcome verifyOutcome() {
    if (verify == null || !verify.path("simulators").isArray() || verify.path("simulators").isEmpty()) {
      return null;
    }
    JsonNode s = verify.path("simulators").get(0);
    return new VerifyOutcome(s.path("simulator").asText(), s.path("samples").asInt(), s.path("matching").asInt(),
        s.path("cycles").asLong(), s.path("passed").asBoolean() ? "" : "mismatch: see reports/verify.json");
  }

  /** {@code f} relative to the report's directory when inside it, else as given. */
  String where(Path f) {
    Path a = f.toAbsolutePath().normalize();
    Path d = dir.toAbsolutePath().normalize();
    return a.startsWith(d) ? d.relativize(a).toString().replace('\\', '/') : f.toString();
  }

  /** The board a compile was made for (config.json), or null. */
  String compileBoard() {
    return compileConfig == null || compileConfig.path("board").isNull() ? null
        : compileConfig.path("board").asText(null);
  }

  private void checkHashes() {
    JsonNode files = manifest.path("files");
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Path f = build.resolve(e.getKey());
      if (!Files.isRegularFile(f) || !sha256(f).equals(e.getValue().asText())) {
        changed.add(e.getKey());
      }
    }
  }

  private BuildConfig buildConfig() {
    Path f = dir.resolve(CONFIG);
    if (!Files.isRegularFile(f)) {
      absent.put("build config", CONFIG + " is missing: the flow stopped before its report step, or an older"
          + " spikeforge made it");
      return null;
    }
    try {
      return BuildConfig.fromJson(Files.readString(f));
    } catch (IOException | ConfigException e) {
      absent.put("build config", f + " is unreadable: " + e.getMessage());
      return null;
    }
  }

  private QuantizeOutcome quantizeOutcome() {
    Path f = dir.resolve(QuantizeStep.OUTCOME);
    if (!Files.isRegularFile(f)) {
      absent.put("quantization outcome", QuantizeStep.OUTCOME + " is missing: the quantize step did not finish");
      return null;
    }
    try {
      return Json.readFile(f, QuantizeOutcome.class);
    } catch (RuntimeException e) {
      absent.put("quantization outcome", e.getMessage());
      return null;
    }
  }

  /** train/metrics.json of a flow, or the metrics.json beside the float model a flow was given; null if none. */
  private Path metricsFile() {
    if (kind == Kind.BUILD) {
      absent.put("training record", "a build directory of 'spikeforge compile' holds no training record (give the"
          + " output directory of 'spikeforge demo' for a training curve)");
      return null;
    }
    if (config != null && config.training().floatModel() != null) { // not trained here: train/ may be another run's
      Path beside = Path.of(config.training().floatModel()).toAbsolutePath().getParent().resolve("metrics.json");
      if (Files.isRegularFile(beside)) {
        return beside;
      }
      absent.put("training record", "the build was not trained: it used the float model "
          + config.training().floatModel() + ", and no metrics.json lies beside it");
      return null;
    }
    Path trained = dir.resolve("train/metrics.json");
    if (Files.isRegularFile(trained)) {
      return trained;
    }
    absent.put("training record", "train/metrics.json is missing (a model trained by an older spikeforge, or"
        + " training did not run)");
    return null;
  }

  private List<EpochMetrics> epochs(Path f) {
    try {
      JsonNode doc = Json.MAPPER.readTree(f.toFile());
      List<EpochMetrics> list = new ArrayList<>();
      for (JsonNode e : doc.path("epochs")) {
        list.add(MetricsFiles.fromJson(e));
      }
      if (list.isEmpty()) {
        absent.put("training record", f + " records no finished epoch");
        return null;
      }
      return list;
    } catch (IOException | RuntimeException e) {
      absent.put("training record", f + " is unreadable: " + e.getMessage());
      return null;
    }
  }

  private BitstreamOutcome bitstreamOutcome() {
    String board = utilization.path("board").asText();
    List<ResourceUse> res = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = utilization.path("resources").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode r = e.getValue();
      res.add(new ResourceUse(e.getKey(), r.path("used").asLong(), r.path("available").asLong(-1),
          r.path("source").asText()));
    }
    double fmax = Double.NaN;
    for (JsonNode c : timing.path("clocks")) {
      double f = c.path("fmaxMhz").asDouble();
      fmax = Double.isNaN(fmax) ? f : Math.min(fmax, f);
    }
    boolean pll = timing.has("coreClockMhz");
    double core = pll ? timing.path("coreClockMhz").asDouble() : boardClock(board, timing.path("targetMhz").asDouble());
    Path bin = build.resolve("bitstream").resolve(board + ".bin");
    return new BitstreamOutcome(board, utilization.path("part").asText(),
        Files.isRegularFile(bin) ? bin.toString() : "", res, fmax, timing.path("met").asBoolean(), power.path("totalMilliwatts").asDouble(),
        power.path("clockMhz").asDouble(), power.path("confidence").asText(), core, pll);
  }

  private static double boardClock(String board, double fallback) {
    try {
      return Boards.byNameOrFile(board).clockMhz();
    } catch (RuntimeException e) { // a board file that is gone: the place-and-route target was the core clock
      return fallback;
    }
  }

  private static JsonNode required(Path f) {
    try {
      JsonNode n = Json.MAPPER.readTree(f.toFile());
      if (n == null || !n.isObject()) {
        throw new BuildException(f + " is empty or not a JSON object; rebuild with 'spikeforge compile MODEL -o "
            + f.getParent() + "'");
      }
      return n;
    } catch (IOException e) {
      throw new BuildException(f + " is corrupt (" + e.getMessage().lines().findFirst().orElse("") + "); rebuild with"
          + " 'spikeforge compile MODEL -o " + f.getParent() + "'", e);
    }
  }

  private JsonNode optional(Path f, String what, String whyMissing) {
    if (!Files.isRegularFile(f)) {
      absent.put(what, whyMissing);
      return null;
    }
    try {
      JsonNode n = Json.MAPPER.readTree(f.toFile());
      if (n == null || !n.isObject()) {
        absent.put(what, f + " is not a JSON object");
        return null;
      }
      return n;
    } catch (IOException e) {
      absent.put(what, f + " is unreadable: " + e.getMessage().lines().findFirst().orElse(""));
      return null;
    }
  }

  /** The SHA-256 of a file's bytes, in hex. */
  static String sha256(Path f) {
    try (InputStream in = Files.newInputStream(f)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
