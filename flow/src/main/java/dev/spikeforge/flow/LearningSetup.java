package dev.spikeforge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.HwDesireLearning;
import dev.spikeforge.golden.sim.LearningReference;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.HwThreeFactorLearning;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.DesireHardware;
import dev.spikeforge.golden.train.DesireLearningReference;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.golden.train.threefactor.ThreeFactorDescription;
import dev.spikeforge.golden.train.threefactor.ThreeFactorLearningReference;
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
  static final List<String> RULES = List.of("desire", "eprop");

  private LearningSetup() {}

  /**
   * Checks that {@code rule} (null: inference only) names one of the learning units {@code rules}.
   *
   * @throws ConfigException naming {@code field}
   */
  static void checkRule(String rule, List<String> rules, String field, String otherwise) {
    ConfigException.require(rule == null || rules.contains(rule), field,
        "'" + rule + "' is not a learning unit; choose " + String.join(", ", rules) + otherwise);
  }

  /**
   * The learning unit of rule {@code rule} for {@code net} ({@link #desire} or {@link #eprop}).
   *
   * @throws ConfigException naming the field and the fix when the network cannot be learned by that unit
   */
  static CompileConfig.Learning of(String rule, NetworkSpec net, Path model, String dataset, MappingOptions mapping,
      List<Integer> shadowBits, Integer roundingBits) {
    return "eprop".equals(rule) ? eprop(net, model, mapping, shadowBits, roundingBits)
        : desire(net, model, dataset, shadowBits, roundingBits);
  }

  /**
   * The three-factor learning unit ({@code --learning eprop}) for {@code net}, the model of a {@code spikeforge
   * train --rule eprop --precision int --hardware-form} run whose training record is the {@code config.json}
   * beside {@code model}. Every check a three-factor core needs is made, each refusal naming what is wrong and
   * the fix: the rule and the network belong together (a desire-trained network or one without a three-factor
   * record is refused), the run learned in the hardware form, the network is
   * the one the configuration trains (a feedforward or recurrent hidden layer) and the unit can hold its delays ({@link ThreeFactorLearningReference}:
   * {@code HwThreeFactorLearning.checkLearnable}), and the core has one lane per layer (the unit's walk addresses
   * one synapse per word: docs/hardware.md §7.2). The unit's spec is the run's ({@code HardwareLearningSpec}); the
   * build records the training record as {@code learning.run}, from which {@code verify --learn} rebuilds the
   * golden reference.
   *
   * @throws ConfigException naming {@code learning} (or the option that does not apply)
   */
  static CompileConfig.Learning eprop(NetworkSpec net, Path model, MappingOptions mapping, List<Integer> shadowBits,
      Integer roundingBits) {
    ConfigException.require(shadowBits == null, "shadowBits", "applies to --learning desire; the three-factor unit's"
        + " shadow fraction bits are the training run's (F_w, F_d of --hardware-form)");
    ConfigException.require(roundingBits == null, "stochasticRounding", "applies to --learning desire; the"
        + " three-factor unit rounds with the training run's K (--hardware-form)");
    String prefix = "eprop: " + net.name() + " cannot be compiled as a three-factor learning core: ";
    Map<String, Object> run = model == null ? null : trainingRecord(model);
    ConfigException.require(run != null, "learning", prefix + "it has no training record (config.json beside the"
        + " model); --learning eprop compiles the model.json of 'spikeforge train --rule eprop --precision int"
        + " --hardware-form', whose record holds the rule's configuration");
    ConfigException.require(ThreeFactorDescription.isThreeFactor(run), "learning", prefix + "it was trained by --rule "
        + run.get("rule") + (("desire".equals(run.get("rule"))) ? ": compile it with --learning desire, or train the"
            + " network with --rule eprop --precision int --hardware-form for --learning eprop"
            : "; --learning eprop learns networks of --rule eprop --precision int --hardware-form"));
    try {
      ThreeFactorConfig c = ThreeFactorDescription.configOf(run);
      ConfigException.require(c.form() == NumericForm.HARDWARE, "learning", prefix + "it was trained in the "
          + (c.form() == NumericForm.INT ? "integer" : "float") + " form; the learning core runs the hardware form"
          + " (docs/learning.md Part II §9): train it with --precision int --hardware-form");
      ThreeFactorLearningReference ref = ThreeFactorLearningReference.of(c, HwMapper.map(net, mapping), net);
      for (HwLayer h : ref.core().layers()) {
        ConfigException.require(h.lanes() == 1, "lanes", prefix + "its layers get " + h.lanes() + " lanes; the"
            + " three-factor learning core walks one synapse per weight word (docs/hardware.md §7.2): compile it with"
            + " --lanes 1");
      }
      return new CompileConfig.Learning(ref.spec(), Json.MAPPER.valueToTree(run));
    } catch (SpecException e) {
      throw new ConfigException("learning", prefix + e.getMessage(), e);
    }
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
    Map<String, Object> record = model == null ? null : trainingRecord(model);
    ConfigException.require(record == null || !ThreeFactorDescription.isThreeFactor(record), "learning", "desire: "
        + net.name() + " was trained by --rule eprop (its config.json beside the model): compile it with --learning"
        + " eprop, or train the network with --rule desire --precision int for --learning desire");
    Map<String, Object> run = trainingRun(record);
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
      String trained = run == null ? null : trainingDataset(record);
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
  static LearningReference reference(BuildDirectory.Loaded b) {
    CompileConfig.Learning l = b.config().learning();
    ConfigException.require(l != null, "learning", "build " + b.dir() + " is an inference-only core; compile it"
        + " with --learning desire");
    if (l.spec() instanceof HwThreeFactorLearning spec) {
      try {
        @SuppressWarnings("unchecked")
        Map<String, Object> run = Json.MAPPER.convertValue(l.run(), Map.class);
        ThreeFactorLearningReference ref = ThreeFactorLearningReference.of(ThreeFactorDescription.configOf(run),
            b.core(), b.network());
        SpecException.check(ref.spec().equals(spec), "learning.spec", "the build's spec " + spec + " is not its"
            + " training run's " + ref.spec());
        return ref;
      } catch (SpecException e) {
        throw new ConfigException("learning", "build " + b.dir() + ": its learning records disagree: " + e.getMessage()
            + "; recompile it with --learning eprop", e);
      }
    }
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

  /** The dataset training record {@code record} ({@link #trainingRecord}) learned from, or null. */
  private static String trainingDataset(Map<String, Object> record) {
    return record.get("data") instanceof Map<?, ?> data && data.get("dataset") instanceof String d ? d : null;
  }

  /**
   * The {@code run} of an integer desire training record ({@link #trainingRecord}) without its {@code data}
   * entry, or null when {@code record} is null or of another rule or precision (a float run's weights were
   * quantized by compile: the training defaults apply).
   */
  static Map<String, Object> trainingRun(Map<String, Object> record) {
    if (record == null || !"desire".equals(String.valueOf(record.get("rule")))
        || !"int".equals(record.get("precision"))) {
      return null;
    }
    Map<String, Object> run = new LinkedHashMap<>(record);
    run.remove("data");
    return run;
  }

  /**
   * The {@code run} of the training output's {@code config.json} beside {@code model} (any rule), or null when
   * there is none (no file, or a file that is not a training record).
   */
  static Map<String, Object> trainingRecord(Path model) {
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
    if (doc == null || !"spikeforge.train-config".equals(doc.path("format").asText()) || !doc.path("run").isObject()) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> run = new LinkedHashMap<>(Json.MAPPER.convertValue(doc.get("run"), Map.class));
    return run;
  }
}
