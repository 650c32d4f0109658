package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.learning.threefactor.IntLearningFormat;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.DelayMode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads back the rule's part of a three-factor training record: the {@code run} object that {@link
 * ThreeFactorEngine#describe()} writes into a training output's {@code config.json}, so that a learning core
 * compiled from the run's model is verified against exactly the configuration that trained it. The record's
 * parameter groups are written as the records' own text ({@code NeuronParams[threshold=64, leakShift=1, …]}),
 * read here component by component; the task, sizes of the data and epochs are the run's, not the rule's, and
 * take {@link ThreeFactorConfig#TASK}, 1, 1 and 0.
 */
public final class ThreeFactorDescription {
  private ThreeFactorDescription() {}

  /** Whether {@code run} is a three-factor training record ({@code "rule": "eprop"}). */
  public static boolean isThreeFactor(Map<String, ?> run) {
    return run != null && "eprop".equals(String.valueOf(run.get("rule")));
  }

  /**
   * The configuration of a three-factor training record; {@code describe(configOf(run))} equals {@code run}
   * without its {@code data}.
   *
   * @throws SpecException naming the entry of the record that is missing or malformed
   */
  public static ThreeFactorConfig configOf(Map<String, ?> run) {
    SpecException.check(isThreeFactor(run), "run.rule", "is " + (run == null ? "missing" : run.get("rule"))
        + ", not eprop");
    List<?> arch = list(run, "arch");
    SpecException.check(arch.size() == 3, "run.arch", "has " + arch.size() + " sizes; the three-factor rule trains"
        + " INPUTS-HIDDEN-CLASSES");
    SpecException.check(arch.get(1) instanceof Integer, "run.arch", "size " + arch.get(1) + " of the hidden layer is"
        + " not a whole number");
    int hidden = (Integer) arch.get(1);
    Map<?, ?> shape = map(run, "shape");
    Object recurrent = shape.get("recurrent");
    SpecException.check(recurrent instanceof Boolean, "run.shape.recurrent", "'" + recurrent + "' is not true or"
        + " false");
    DelayMode mode;
    try {
      mode = DelayMode.valueOf(String.valueOf(shape.get("delays")).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SpecException("run.shape.delays", "'" + shape.get("delays") + "' is not NONE, AXONAL or SYNAPTIC");
    }
    NetworkShape s;
    try {
      s = new NetworkShape(hidden, (Boolean) recurrent, mode,
          ((Number) shape.get("maxDelay")).intValue(), parse(text(shape, "hiddenNeuron"), NeuronParams.class),
          parse(text(shape, "outputNeuron"), NeuronParams.class));
    } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
      throw new SpecException("run.shape", "is not a three-factor network shape: " + e.getMessage());
    }
    NumericForm form = "hardware".equals(run.get("form")) ? NumericForm.HARDWARE
        : "int".equals(run.get("precision")) ? NumericForm.INT : NumericForm.FLOAT;
    Object seed = run.get("seed");
    SpecException.check(seed instanceof Number, "run.seed", "missing");
    try {
      return new ThreeFactorConfig(ThreeFactorConfig.TASK, 1, 1, s, parse(text(run, "learning"), LearningParams.class),
          parse(text(run, "init"), InitParams.class), parse(text(run, "intFormat"), IntLearningFormat.class), form, 0,
          ((Number) seed).longValue());
    } catch (IllegalArgumentException e) {
      throw e instanceof SpecException se ? se : new SpecException("run", e.getMessage());
    }
  }

  private static String text(Map<?, ?> m, String key) {
    Object v = m.get(key);
    SpecException.check(v instanceof String, "run." + key, "missing");
    return (String) v;
  }

  private static List<?> list(Map<String, ?> m, String key) {
    Object v = m.get(key);
    SpecException.check(v instanceof List<?>, "run." + key, "missing");
    return (List<?>) v;
  }

  private static Map<?, ?> map(Map<String, ?> m, String key) {
    Object v = m.get(key);
    SpecException.check(v instanceof Map<?, ?>, "run." + key, "missing");
    return (Map<?, ?>) v;
  }

  /**
   * The record of type {@code type} whose {@code toString()} is {@code text}: {@code Name[a=1, b=x]}, components in
   * declaration order. Every component must be there except {@link IntLearningFormat}'s {@code roundingBits},
   * which is 0 when left out (the form it writes without stochastic rounding, and runs made before the field).
   */
  static <R extends Record> R parse(String text, Class<R> type) {
    String name = type.getSimpleName();
    SpecException.check(text.startsWith(name + "[") && text.endsWith("]"), "run." + decapitalize(name),
        "'" + text + "' is not a " + name);
    Map<String, String> fields = new LinkedHashMap<>();
    String body = text.substring(name.length() + 1, text.length() - 1);
    for (String part : body.isEmpty() ? new String[0] : body.split(", ")) {
      int eq = part.indexOf('=');
      SpecException.check(eq > 0, "run." + decapitalize(name), "'" + part + "' is not key=value");
      fields.put(part.substring(0, eq), part.substring(eq + 1));
    }
    RecordComponent[] rc = type.getRecordComponents();
    Class<?>[] types = new Class<?>[rc.length];
    Object[] args = new Object[rc.length];
    for (int k = 0; k < rc.length; k++) {
      types[k] = rc[k].getType();
      String v = fields.remove(rc[k].getName());
      String what = name + "." + rc[k].getName();
      if (v == null) {
        SpecException.check(type == IntLearningFormat.class && rc[k].getName().equals("roundingBits"),
            "run." + decapitalize(what), "missing");
        v = "0";
      }
      args[k] = value(v, types[k], what);
    }
    SpecException.check(fields.isEmpty(), "run." + decapitalize(name), "has unknown entries " + fields.keySet());
    try {
      Constructor<R> c = type.getDeclaredConstructor(types);
      return c.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new SpecException("run." + decapitalize(name), e.getCause().getMessage());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + name, e);
    }
  }

  private static Object value(String v, Class<?> t, String what) {
    try {
      if (t == int.class) {
        return Integer.parseInt(v);
      } else if (t == long.class) {
        return Long.parseLong(v);
      } else if (t == double.class) {
        return Double.parseDouble(v);
      } else if (t == boolean.class && (v.equals("true") || v.equals("false"))) {
        return Boolean.parseBoolean(v);
      } else if (t.isEnum()) {
        for (Object c : t.getEnumConstants()) {
          if (((Enum<?>) c).name().equals(v)) {
            return c;
          }
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SpecException("run." + decapitalize(what), "'" + v + "' is not a " + t.getSimpleName());
  }

  private static String decapitalize(String s) {
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
