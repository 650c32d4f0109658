package dev.spikeforge.golden.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.golden.json.JsonMappers;
import dev.spikeforge.golden.spec.SpecException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Strict, path-aware access to fields of a parsed JSON object; every error names the field. */
final class JsonFields {
  private final JsonNode node;
  private final String path;

  JsonFields(JsonNode node, String path, Set<String> allowed) {
    this.node = node;
    this.path = path;
    if (node == null || !node.isObject()) {
      throw new SpecException(path.isEmpty() ? "(top level)" : path, "expected a JSON object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        // a name that cannot stand in a field path (empty, or with spaces or dots) is shown quoted
        String name = f.matches("[A-Za-z_][A-Za-z0-9_]*") ? f : JsonMappers.compact().valueToTree(f).toString();
        throw new SpecException(at(name), "unknown field; allowed fields are "
            + String.join(", ", new TreeSet<>(allowed)));
      }
    }
  }

  String at(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  boolean has(String field) {
    return node.has(field) && !node.get(field).isNull();
  }

  JsonNode get(String field) {
    if (!has(field)) {
      throw new SpecException(at(field), "missing required field");
    }
    return node.get(field);
  }

  String string(String field) {
    JsonNode v = get(field);
    if (!v.isTextual()) {
      throw new SpecException(at(field), "expected a string, got " + v.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    return v.asText();
  }

  long integer(String field) {
    return integerNode(get(field), at(field));
  }

  int intValue(String field) {
    long v = integer(field);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new SpecException(at(field), v + " does not fit a 32-bit integer");
    }
    return (int) v;
  }

  int intOr(String field, int fallback) {
    return has(field) ? intValue(field) : fallback;
  }

  <E extends Enum<E>> E enumValue(String field, Class<E> type) {
    String s = string(field);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(s)) {
        return e;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(e.name());
    }
    throw new SpecException(at(field), "'" + s + "' is not one of " + sb);
  }

  int[] intArray(String field) {
    return intArrayNode(get(field), at(field));
  }

  int[][] intMatrix(String field) {
    JsonNode v = get(field);
    if (!v.isArray()) {
      throw new SpecException(at(field), "expected an array of arrays of integers");
    }
    int[][] m = new int[v.size()][];
    for (int j = 0; j < v.size(); j++) {
      m[j] = intArrayNode(v.get(j), at(field) + "[" + j + "]");
    }
    return m;
  }

  double[] doubleArray(String field) {
    JsonNode v = get(field);
    String p = at(field);
    if (!v.isArray()) {
      throw new SpecException(p, "expected an array of numbers");
    }
    double[] a = new double[v.size()];
    for (int i = 0; i < a.length; i++) {
      JsonNode e = v.get(i);
      if (!e.isNumber()) {
        throw new SpecException(p + "[" + i + "]", "expected a number");
      }
      a[i] = e.asDouble();
    }
    return a;
  }

  double number(String field) {
    JsonNode v = get(field);
    if (!v.isNumber()) {
      throw new SpecException(at(field), "expected a number");
    }
    double d = v.asDouble();
    if (!Double.isFinite(d)) {
      throw new SpecException(at(field), "must be finite");
    }
    return d;
  }

  double[][] doubleMatrix(String field) {
    JsonNode v = get(field);
    if (!v.isArray()) {
      throw new SpecException(at(field), "expected an array of arrays of numbers");
    }
    double[][] m = new double[v.size()][];
    for (int j = 0; j < v.size(); j++) {
      JsonNode row = v.get(j);
      String p = at(field) + "[" + j + "]";
      if (!row.isArray()) {
        throw new SpecException(p, "expected an array of numbers");
      }
      m[j] = new double[row.size()];
      for (int i = 0; i < row.size(); i++) {
        if (!row.get(i).isNumber()) {
          throw new SpecException(p + "[" + i + "]", "expected a number");
        }
        m[j][i] = row.get(i).asDouble();
      }
    }
    return m;
  }

  JsonFields object(String field, Set<String> allowed) {
    return new JsonFields(get(field), at(field), allowed);
  }

  private static long integerNode(JsonNode v, String p) {
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new SpecException(p, "expected an integer, got " + v);
    }
    return v.asLong();
  }

  private static int[] intArrayNode(JsonNode v, String p) {
    if (v == null || !v.isArray()) {
      throw new SpecException(p, "expected an array of integers");
    }
    int[] a = new int[v.size()];
    for (int i = 0; i < a.length; i++) {
      JsonNode e = v.get(i);
      if (!e.isIntegralNumber() || !e.canConvertToInt()) {
        throw new SpecException(p + "[" + i + "]", "expected a 32-bit integer, got " + e);
      }
      a[i] = e.asInt();
    }
    return a;
  }
}
