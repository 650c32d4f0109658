package dev.spikeforge.golden.spec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which spike encoder turns a sample's 8-bit intensities into the input spikes of a network: part of the
 * network (the hardware sees only the spikes, so a model is trained, quantized, simulated and verified on one
 * encoder, recorded in its file). Written as {@code NAME[:KEY=VALUE[,KEY=VALUE]]}, with defaults omitted in the
 * canonical form ({@link #toString}); the encoders are defined bit for bit in {@code docs/datasets.md} §3:
 *
 * <ul>
 *   <li>{@code rate[:min=M]}: deterministic integer rate coding; intensities below {@code M} (0..255, default
 *       0) are treated as 0, so they never spike;</li>
 *   <li>{@code latency[:min=M]}: time to first spike, one spike per input with intensity at least {@code M}
 *       (0..255, default 1);</li>
 *   <li>{@code poisson[:seed=S]}: LFSR-driven Bernoulli rate coding (default seed 1);</li>
 *   <li>{@code rate32}: rate coding in float32 arithmetic, the desire-backpropagation authors' input.</li>
 * </ul>
 *
 * @param kind         the encoder
 * @param minIntensity rate and latency: the smallest intensity that spikes at all; 0 for the others
 * @param seed         poisson: the seed; 0 for the others
 */
public record EncoderSpec(Kind kind, int minIntensity, long seed) {
  /** The encoders by name. */
  public enum Kind {
    RATE, LATENCY, POISSON, RATE32;

    /** The name on the command line and in files. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a network without an {@code encoder} field is coded with: plain rate coding. */
  public static final EncoderSpec DEFAULT = new EncoderSpec(Kind.RATE, 0, 0);

  /** The names, for messages and option help. */
  public static final String NAMES = "rate[:min=M], latency[:min=M], poisson[:seed=S], rate32";

  public EncoderSpec {
    SpecException.check(kind != null, "encoder", "missing; one of " + NAMES);
    switch (kind) {
      case RATE, LATENCY -> {
        SpecException.inRange(minIntensity, 0, 255, "encoder.min", "an 8-bit intensity");
        SpecException.check(seed == 0, "encoder.seed", "applies to poisson only");
      }
      case POISSON -> SpecException.check(minIntensity == 0, "encoder.min", "applies to rate and latency only");
      case RATE32 -> {
        SpecException.check(minIntensity == 0, "encoder.min", "applies to rate and latency only");
        SpecException.check(seed == 0, "encoder.seed", "applies to poisson only");
      }
    }
  }

  /** Plain rate coding. */
  public static EncoderSpec rate() {
    return DEFAULT;
  }

  /** Rate coding with intensities below {@code min} silenced. */
  public static EncoderSpec rate(int min) {
    return new EncoderSpec(Kind.RATE, min, 0);
  }

  /** Time to first spike, inputs below {@code min} silent. */
  public static EncoderSpec latency(int min) {
    return new EncoderSpec(Kind.LATENCY, min, 0);
  }

  /** LFSR Bernoulli coding with {@code seed}. */
  public static EncoderSpec poisson(long seed) {
    return new EncoderSpec(Kind.POISSON, 0, seed);
  }

  /** The authors' float32 rate coding. */
  public static EncoderSpec rate32() {
    return new EncoderSpec(Kind.RATE32, 0, 0);
  }

  /** Whether this is {@link #DEFAULT} (then a model file leaves the field out). */
  public boolean isDefault() {
    return equals(DEFAULT);
  }

  /**
   * Parses {@code NAME[:KEY=VALUE[,KEY=VALUE]]} (case-sensitive, no spaces); every defect is a {@link
   * SpecException} of field {@code encoder} naming the allowed forms.
   */
  public static EncoderSpec parse(String text) {
    SpecException.check(text != null && !text.isBlank(), "encoder", "is empty; choose one of " + NAMES);
    int colon = text.indexOf(':');
    String name = colon < 0 ? text : text.substring(0, colon);
    Kind kind = null;
    for (Kind k : Kind.values()) {
      if (k.id().equals(name)) {
        kind = k;
      }
    }
    SpecException.check(kind != null, "encoder", "'" + text + "': unknown encoder '" + name + "'; choose one of "
        + NAMES);
    Map<String, String> params = new LinkedHashMap<>();
    if (colon >= 0) {
      String rest = text.substring(colon + 1);
      SpecException.check(!rest.isEmpty(), "encoder", "'" + text + "': nothing after ':'; e.g. latency:min=32");
      for (String kv : rest.split(",", -1)) {
        int eq = kv.indexOf('=');
        SpecException.check(eq > 0 && eq < kv.length() - 1, "encoder", "'" + text + "': '" + kv
            + "' is not KEY=VALUE; e.g. latency:min=32");
        String key = kv.substring(0, eq);
        SpecException.check(params.put(key, kv.substring(eq + 1)) == null, "encoder", "'" + text + "': '" + key
            + "' is given twice");
      }
    }
    String allowed = switch (kind) {
      case RATE, LATENCY -> "min";
      case POISSON -> "seed";
      case RATE32 -> "";
    };
    for (String key : params.keySet()) {
      SpecException.check(key.equals(allowed), "encoder", "'" + text + "': " + name + " takes "
          + (allowed.isEmpty() ? "no parameters" : "only " + allowed + "=…") + ", not '" + key + "'");
    }
    return switch (kind) {
      case RATE -> rate(intParam(text, params, "min", 0));
      case LATENCY -> latency(intParam(text, params, "min", 1));
      case POISSON -> poisson(longParam(text, params, "seed", 1));
      case RATE32 -> rate32();
    };
  }

  private static int intParam(String text, Map<String, String> params, String key, int dflt) {
    long v = longParam(text, params, key, dflt);
    SpecException.inRange(v, 0, 255, "encoder." + key, "an 8-bit intensity, in '" + text + "'");
    return (int) v;
  }

  private static long longParam(String text, Map<String, String> params, String key, long dflt) {
    String v = params.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new SpecException("encoder." + key, "'" + v + "' is not an integer, in '" + text + "'");
    }
  }

  /** The canonical text: the name, then the parameters that differ from their defaults. */
  @Override
  public String toString() {
    return switch (kind) {
      case RATE -> minIntensity == 0 ? "rate" : "rate:min=" + minIntensity;
      case LATENCY -> minIntensity == 1 ? "latency" : "latency:min=" + minIntensity;
      case POISSON -> seed == 1 ? "poisson" : "poisson:seed=" + seed;
      case RATE32 -> "rate32";
    };
  }
}
