package dev.spikeforge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.HwDesireLearning;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.DesireHardware;
import dev.spikeforge.golden.train.DesireLearningReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learning unit of a learning core ({@code compile --learning desire}, {@link HardwareConfig#learning()}):
 * the rule's configuration of the network to compile and its hardware spec. The configuration is the
 * training run's when the model came from {@code spikeforge train --rule desire --precision int} (the
 * {@code run} of the {@code config.json} beside the model), else the training defaults read off the network
 * ({@link DesireHardware#configOf}); {@code --shadow-bits} and {@code --stochastic-rounding} override E and K.
 * The spec is computed by {@link DesireHardware#learningSpec}, so the hardware learns with the integers the
 * golden model learns with.
 */
public final class LearningSetup {
  /** The learning rules a core can be compiled with. */
  static final List<String> RULES = List.of("desire");

  private LearningSetup() {}

  /**
   * Checks that {@code rule} (null: inference only) names a learning unit a core can be compiled with.
   * {@code eprop} is refused with what exists of its unit and what does not.
   *
   * @throws ConfigException naming {@code field}
   */
  static void checkRule(String rule, String field, String otherwise) {
    ConfigException.require(!"eprop".equals(rule), field, "'eprop' has no learning core yet: the three-factor"
        + " unit's arithmetic twins and replay lane are generated and verified (docs/hardware.md §7.2), but no core"
        + " integrates them, so no e-prop configuration (feedforward or recurrent; synaptic, axonal or no delays) can be"
        + " compiled with on-chip learning; compile without --learning for the network's inference core");
    ConfigException.require(rule == null || RULES.contains(rule), field,
        "'" + rule + "' is not a learning unit; choose " + String.join(", ", RULES) + otherwise);
  }

  /**
   * The learning unit for {@code net}.
   *
   * @param model the model file {@code net} was read from (its directory may hold the training run's
   *     config.json), or null
   * @param dataset the dataset whose training defaults apply when there is no training record
   * @param shadowBits E for every layer (one value) or per layer, or null for the configuration's
   * @param roundingBits K, or null for the configuration's
   * @throws ConfigException naming the field and the fix when the network cannot be learned
   */
  public static CompileConfig.Learning desire(NetworkSpec net, Path model, String dataset, List<Integer> shadowBits,
      Integer roundingBits) {
    Map<String, Object> run = model == null ? null : trainingRun(model);
    try {
      DesireConfig c = DesireHardware.configOf(net, run, dataset);
      DesireIntParams ip = c.intParams();
      if (shadowBits != null) {
        ConfigException.require(shadowBits.size() == 1 || shadowBits.size() == c.layers(), "shadowBits",
            "has " + shadowBits.size() + " values for " + c.layers() + " layers: give one E for all layers or one per"
                + " layer, e.g. --shadow-bits 0,8");
        for (int e : shadowBits) {
          ConfigException.require(e >= 0 && e <= HwDesireLearning.MAX_SHADOW_BITS, "shadowBits", "takes extra"
              + " fraction bits 0.." + HwDesireLearning.MAX_SHADOW_BITS + " per layer; got " + e);
        }
        ip = shadowBits.size() == 1 ? ip.withShadowBits(shadowBits.get(0))
            : ip.withLayerShadowBits(shadowBits.stream().mapToInt(Integer::intValue).toArray());
      }
      if (roundingBits != null) {
        ConfigException.require(roundingBits >= 0 && roundingBits <= HwDesireLearning.MAX_ROUNDING_BITS,
            "stochasticRounding", "takes the random bits per update, 1.." + HwDesireLearning.MAX_ROUNDING_BITS
                + " (e.g. 16), or 0 for floored updates; got " + roundingBits);
        ip = ip.withRoundingBits(roundingBits);
      }
      c = new DesireConfig(c.name(), c.sizes(), c.params(), ip, c.seed(), c.binarized(), null, c.earlyExit());
      HwDesireLearning spec = DesireHardware.learningSpec(c);
      DesireHardware.checkNetwork(net, c);
      Map<String, Object> d = new LinkedHashMap<>(DesireHardware.describe(c));
      // the data it learns from, as the trainer encodes it: verify --learn reads the samples from there
      Map<String, Object> data = new LinkedHashMap<>();
      String trained = model == null ? null : trainingDataset(model);
      data.put("dataset", trained != null ? trained : dataset == null ? LearnVerifyRun.DEFAULT_DATASET : dataset);
      data.put("encoder", "rate");
      d.put("data", data);
      JsonNode described = Json.MAPPER.valueToTree(d);
      return new CompileConfig.Learning(spec, described);
    } catch (SpecException e) {
      throw new ConfigException("learning", "desire: " + net.name() + " cannot be compiled as a learning core: "
          + e.getMessage(), e);
    }
  }

  /**
   * The learning unit of {@code net} trained by exactly {@code c} (a network {@code c}'s engine made), learning
   * from {@code dataset}: what {@link #desire} gives for a training run of {@code c} beside the model.
   *
   * @throws ConfigException naming {@code learning} when the network is not the one {@code c} trains
   */
  static CompileConfig.Learning of(DesireConfig c, NetworkSpec net, String dataset) {
    try {
      HwDesireLearning spec = DesireHardware.learningSpec(c);
      DesireHardware.checkNetwork(net, c);
      Map<String, Object> d = new LinkedHashMap<>(DesireHardware.describe(c));
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("dataset", dataset);
      data.put("encoder", "rate");
      d.put("data", data);
      return new CompileConfig.Learning(spec, Json.MAPPER.valueToTree(d));
    } catch (SpecException e) {
      throw new ConfigException("learning", "desire: " + net.name() + " cannot be compiled as a learning core: "
          + e.getMessage(), e);
    }
  }

  /**
   * The golden learning reference of learning build {@code b}: its rule configuration ({@code config.json}'s
   * {@code learning.run}), its core and network; the configuration must give the build's spec exactly.
   *
   * @throws ConfigException naming {@code learning} when the build is inference-only or its records disagree
   */
  static DesireLearningReference reference(BuildDirectory.Loaded b) {
    CompileConfig.Learning l = b.config().learning();
    ConfigException.require(l != null, "learning", "build " + b.dir() + " is an inference-only core; compile it"
        + " with --learning desire");
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> run = Json.MAPPER.convertValue(l.run(), Map.class);
      DesireConfig c = DesireHardware.fromDescription(run, String.valueOf(run.get("name")));
      return DesireLearningReference.of(c, b.core(), b.network());
    } catch (SpecException e) {
      throw new ConfigException("learning", "build " + b.dir() + ": its learning records disagree: " + e.getMessage()
          + "; recompile it with --learning desire", e);
    }
  }

  /** The dataset an integer desire training output beside {@code model} learned from, or null. */
  static String trainingDataset(Path model) {
    if (trainingRun(model) == null) {
      return null;
    }
    try {
      JsonNode d = Json.MAPPER.readTree(Files.readString(model.toAbsolutePath().getParent().resolve("config.json")))
          .path("run").path("data").path("dataset");
      return d.isTextual() ? d.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The {@code run} of an integer desire training output's {@code config.json} beside {@code model} (its
   * {@code data} entry removed), or null when there is none (a float run's weights were quantized by compile:
   * the training defaults apply).
   */
  static Map<String, Object> trainingRun(Path model) {
    Path dir = model.toAbsolutePath().getParent();
    Path cfg = dir == null ? null : dir.resolve("config.json");
    if (cfg == null || !Files.isRegularFile(cfg)) {
      return null;
    }
    String text;
    try {
      text = Files.readString(cfg);
    } catch (IOException e) {
      throw new ConfigException("learning", "cannot read " + cfg + " (the training record beside the model, which"
          + " holds the learning unit's parameters): " + e.getMessage(), e);
    }
    JsonNode doc;
    try {
      doc = Json.MAPPER.readTree(text);
    } catch (IOException e) {
      return null; // not JSON: not a training record (a build's or someone else's file)
    }
    if (doc == null || !"spikeforge.train-config".equals(doc.path("format").asText())
        || !"desire".equals(doc.path("run").path("rule").asText())
        || !"int".equals(doc.path("run").path("precision").asText())) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> run = new LinkedHashMap<>(Json.MAPPER.convertValue(doc.get("run"), Map.class));
    run.remove("data");
    return run;
  }
}
