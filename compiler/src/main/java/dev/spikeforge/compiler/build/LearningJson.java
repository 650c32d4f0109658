package dev.spikeforge.compiler.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwDesireLearning;
import dev.spikeforge.golden.spec.hw.HwLearning;
import dev.spikeforge.golden.spec.hw.HwThreeFactorLearning;
import dev.spikeforge.golden.spec.hw.HwLayer;

/**
 * The desire learning unit's spec as JSON: its primary fields (written to {@code config.json}, read back
 * with every field checked) and, for the manifest, every width derived from them for a core.
 */
final class LearningJson {
  /** The rule of the desire learning unit. */
  static final String RULE = "desire";
  /** The rule of the three-factor learning unit. */
  static final String EPROP = "eprop";

  /** The primary fields of {@code s} (either unit), in a fixed order; {@code rule} names the unit. */
  static ObjectNode spec(HwLearning s) {
    return s instanceof HwDesireLearning d ? spec(d) : spec((HwThreeFactorLearning) s);
  }

  /** The primary fields of a three-factor unit's spec, in a fixed order. */
  static ObjectNode spec(HwThreeFactorLearning s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("rule", EPROP);
    o.put("weightFracBits", s.weightFracBits());
    o.put("delayFracBits", s.delayFracBits());
    o.put("roundingBits", s.roundingBits());
    o.put("traceFracBits", s.traceFracBits());
    o.put("psiShift", s.psiShift());
    o.put("psiFracBits", s.psiFracBits());
    ints(o, "psiTable", s.psiTable());
    o.put("derivFracBits", s.derivFracBits());
    ints(o, "derivTaps", s.derivTaps());
    o.put("eligibilityWidth", s.eligibilityWidth());
    o.put("kappaShift", s.kappaShift());
    o.put("outputFracBits", s.outputFracBits());
    o.put("targetOn", s.targetOn());
    o.put("targetOff", s.targetOff());
    o.put("randomFeedback", s.randomFeedback());
    o.put("feedbackWidth", s.feedbackWidth());
    o.put("hiddenWeightShift", s.hiddenWeightShift());
    o.put("recurrentWeightShift", s.recurrentWeightShift());
    o.put("outputWeightShift", s.outputWeightShift());
    o.put("delayShift", s.delayShift());
    return o;
  }

  /** {@link #manifest(HwDesireLearning, HwCore)} or its three-factor counterpart. */
  static ObjectNode manifest(HwLearning s, HwCore c) {
    if (s instanceof HwDesireLearning d) {
      return manifest(d, c);
    }
    HwThreeFactorLearning t = (HwThreeFactorLearning) s;
    ObjectNode o = spec(t);
    o.put("psiCodeWidth", t.psiCodeWidth());
    o.put("tapWidth", t.tapWidth());
    o.put("errorWidth", t.errorWidth(c.timesteps()));
    o.put("learningSignalWidth", t.learningSignalWidth(c));
    ArrayNode layers = o.putArray("layers");
    for (HwLayer h : c.layers()) {
      ObjectNode x = layers.addObject();
      x.put("shadowWeightWidth", t.shadowWeightWidth(h.weightWidth()));
      x.put("shadowDelayWidth", t.shadowDelayWidth(h));
    }
    ArrayNode st = o.putArray("storage");
    for (HwThreeFactorLearning.Storage x : t.storage(c)) {
      ObjectNode e = st.addObject().put("what", x.what());
      e.set("items", number(x.items()));
      e.put("bits", x.bits());
      e.set("totalBits", number(x.totalBits()));
    }
    return o;
  }

  /** The spec {@code o} holds, of the unit its {@code rule} names ({@link #read} for desire). */
  static HwLearning readUnit(JsonNode o, String where) {
    if (o != null && o.isObject() && EPROP.equals(o.path("rule").asText(null))) {
      try {
        JsonNode rf = o.get("randomFeedback");
        if (rf == null || !rf.isBoolean()) {
          throw new SpecException(where + ".randomFeedback", "is " + (rf == null ? "missing" : rf + ", not true/false"));
        }
        return new HwThreeFactorLearning(integer(o, "weightFracBits", where), integer(o, "delayFracBits", where),
            integer(o, "roundingBits", where), integer(o, "traceFracBits", where), integer(o, "psiShift", where),
            integer(o, "psiFracBits", where), intArray(o, "psiTable", where), integer(o, "derivFracBits", where),
            intArray(o, "derivTaps", where), integer(o, "eligibilityWidth", where), integer(o, "kappaShift", where),
            integer(o, "outputFracBits", where), integer(o, "targetOn", where), integer(o, "targetOff", where),
            rf.booleanValue(), integer(o, "feedbackWidth", where), integer(o, "hiddenWeightShift", where),
            integer(o, "recurrentWeightShift", where), integer(o, "outputWeightShift", where),
            integer(o, "delayShift", where));
      } catch (SpecException e) {
        throw e.field().startsWith(where) ? e : e.under(where);
      }
    }
    return read(o, where);
  }

  private LearningJson() {}

  /** The primary fields of {@code s}, in a fixed order. */
  static ObjectNode spec(HwDesireLearning s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("rule", RULE);
    ints(o, "shadowBits", s.shadowBits());
    o.put("roundingBits", s.roundingBits());
    o.put("traceFracBits", s.traceFracBits());
    o.put("leakShift", s.leakShift());
    o.put("layerDelay", s.layerDelay());
    ints(o, "thresholdShifts", s.thresholdShifts());
    ints(o, "errorScales", s.errorScales());
    o.put("outputDesireThreshold", s.outputDesireThreshold());
    ArrayNode d = o.putArray("hiddenDesireThresholds");
    for (long x : s.hiddenDesireThresholds()) {
      d.add(number(x));
    }
    ints(o, "dropoutThresholds", s.dropoutThresholds());
    ints(o, "dropoutScales", s.dropoutScales());
    o.put("rateExponentWidth", s.rateExponentWidth());
    return o;
  }

  /** The primary fields plus every width the unit's datapath is elaborated with, for core {@code c}. */
  static ObjectNode manifest(HwDesireLearning s, HwCore c) {
    ObjectNode o = spec(s);
    int t = c.timesteps();
    o.put("traceWidth", s.traceWidth());
    o.put("traceSumWidth", s.traceSumWidth(t));
    o.put("countWidth", HwDesireLearning.countWidth(t));
    o.put("updateShiftWidth", s.updateShiftWidth());
    o.put("dropoutDrawBits", HwDesireLearning.DROPOUT_DRAW_BITS);
    o.put("dropoutScaleWidth", HwDesireLearning.DROPOUT_SCALE_WIDTH);
    o.put("dropoutScaleFracBits", HwDesireLearning.DROPOUT_SCALE_FRAC_BITS);
    ArrayNode layers = o.putArray("layers");
    for (int l = 0; l < c.layers().size(); l++) {
      HwLayer h = c.layers().get(l);
      ObjectNode x = layers.addObject();
      x.put("shadowWidth", s.shadowWidth(l, h.weightWidth()));
      x.put("errorWidth", s.errorWidth(l, t));
      x.put("desireTermWidth", s.desireTermWidth(l, t));
      x.put("desireSumWidth", s.desireSumWidth(l, h.weightWidth(), h.size(), t));
    }
    ArrayNode st = o.putArray("storage");
    for (HwDesireLearning.Storage x : s.storage(c)) {
      ObjectNode e = st.addObject().put("what", x.what());
      e.set("items", number(x.items()));
      e.put("bits", x.bits());
      e.set("totalBits", number(x.totalBits()));
    }
    return o;
  }

  /**
   * The spec {@code o} (as {@link #spec} writes it) holds; every field must be present and of its type, and
   * the record's validation applies.
   *
   * @throws SpecException naming {@code where.field}
   */
  static HwDesireLearning read(JsonNode o, String where) {
    if (o == null || !o.isObject()) {
      throw new SpecException(where, "is missing or not an object");
    }
    if (!RULE.equals(o.path("rule").asText(null))) {
      throw new SpecException(where + ".rule", "is " + o.path("rule") + "; a learning unit runs rule \"" + RULE
          + "\" or \"" + EPROP + "\"");
    }
    try {
      return new HwDesireLearning(intArray(o, "shadowBits", where), integer(o, "roundingBits", where),
          integer(o, "traceFracBits", where), integer(o, "leakShift", where), integer(o, "layerDelay", where),
          intArray(o, "thresholdShifts", where), intArray(o, "errorScales", where),
          integer(o, "outputDesireThreshold", where), longArray(o, "hiddenDesireThresholds", where),
          intArray(o, "dropoutThresholds", where), intArray(o, "dropoutScales", where),
          integer(o, "rateExponentWidth", where));
    } catch (SpecException e) {
      throw e.field().startsWith(where) ? e : e.under(where);
    }
  }

  /** {@code x} as the node a JSON reader gives back (an int node when it fits), so that read and written trees compare equal. */
  private static com.fasterxml.jackson.databind.node.ValueNode number(long x) {
    return x == (int) x ? Json.MAPPER.getNodeFactory().numberNode((int) x) : Json.MAPPER.getNodeFactory().numberNode(x);
  }

  private static void ints(ObjectNode o, String name, int[] v) {
    ArrayNode a = o.putArray(name);
    for (int x : v) {
      a.add(x);
    }
  }

  private static int integer(JsonNode o, String f, String where) {
    JsonNode v = o.get(f);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new SpecException(where + "." + f, "is " + (v == null ? "missing" : v + ", not an integer"));
    }
    return v.intValue();
  }

  private static int[] intArray(JsonNode o, String f, String where) {
    long[] l = longArray(o, f, where);
    int[] r = new int[l.length];
    for (int k = 0; k < r.length; k++) {
      if (l[k] != (int) l[k]) {
        throw new SpecException(where + "." + f + "[" + k + "]", l[k] + " is not a 32-bit integer");
      }
      r[k] = (int) l[k];
    }
    return r;
  }

  private static long[] longArray(JsonNode o, String f, String where) {
    JsonNode v = o.get(f);
    if (v == null || !v.isArray()) {
      throw new SpecException(where + "." + f, "is " + (v == null ? "missing" : v + ", not a list of integers"));
    }
    long[] r = new long[v.size()];
    for (int k = 0; k < r.length; k++) {
      JsonNode x = v.get(k);
      if (!x.isIntegralNumber() || !x.canConvertToLong()) {
        throw new SpecException(where + "." + f + "[" + k + "]", "is " + x + ", not an integer");
      }
      r[k] = x.longValue();
    }
    return r;
  }
}
