package dev.spikeforge.cli;

import dev.spikeforge.golden.data.DelayPatternParams;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parsing of {@code train --delay-pattern KEY=VALUE,…}: the default task with the given keys replaced. */
final class DelayPatternOption {
  private DelayPatternOption() {}

  static DelayPatternParams parse(Map<String, String> given) {
    DelayPatternParams d = DelayPatternParams.DEFAULT;
    Map<String, Long> v = new LinkedHashMap<>();
    v.put("classes", (long) d.classes());
    v.put("channels", (long) d.channels());
    v.put("steps", (long) d.steps());
    v.put("maxLag", (long) d.maxLag());
    v.put("jitter", (long) d.jitter());
    v.put("noise", (long) d.noiseSpikes());
    v.put("seed", d.seed());
    for (Map.Entry<String, String> e : given.entrySet()) {
      if (!v.containsKey(e.getKey())) {
        throw new UserException("--delay-pattern: unknown key '" + e.getKey() + "'; keys: " + String.join(", ", v.keySet()));
      }
      try {
        v.put(e.getKey(), Long.parseLong(e.getValue().trim()));
      } catch (NumberFormatException ex) {
        throw new UserException("--delay-pattern: " + e.getKey() + "=" + e.getValue() + " is not an integer");
      }
    }
    try {
      return new DelayPatternParams(Math.toIntExact(v.get("classes")), Math.toIntExact(v.get("channels")),
          Math.toIntExact(v.get("steps")), Math.toIntExact(v.get("maxLag")), Math.toIntExact(v.get("jitter")),
          Math.toIntExact(v.get("noise")), v.get("seed"));
    } catch (IllegalArgumentException | ArithmeticException ex) {
      throw new UserException("--delay-pattern: " + ex.getMessage());
    }
  }
}
