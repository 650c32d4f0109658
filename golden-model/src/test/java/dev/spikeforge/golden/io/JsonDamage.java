package dev.spikeforge.golden.io;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Random damage to a JSON document, for fuzz tests of every JSON format spikeforge reads (model files
 * here; build configs in flow through this module's test-jar): numbers replaced by extremes or by
 * values of the wrong type, strings replaced, a character deleted, truncation, an array element
 * duplicated or dropped, an unknown field, trailing data.
 */
public final class JsonDamage {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  private static final Pattern STRING = Pattern.compile("\"[^\"\\\\]*\"");
  private static final String[] NUMBERS = {"-1", "0", "1", "2147483647", "2147483648", "-2147483649", "1e39", "-1e39",
      "1e2147483648", "1e-2147483648", "1.5", "-0.0", "99999999999999999999", "65537", "256", "1e308", "4.9e-324"};
  private static final String[] VALUES = {"null", "true", "\"x\"", "[]", "{}", "[[]]", "\"NaN\"", "\"Infinity\"",
      "[1, [2]]", "{\"a\": 1}"};
  private static final String[] STRINGS = {"\"\"", "\"a b\"", "\"\\\"q\\\"\"", "\"\\u0000\"", "\"ü\"", "\"DENSE\"",
      "\"BINARIZED\"", "\"FIRST_TO_FIRE\"", "\"ZERO\"", "\"float32\"", "\"float64\"", "\"spikeforge.network\"",
      "\"spikeforge.float-network\"", "\"layer\"", "\"L0\""};

  private JsonDamage() {}

  /** One random edit of {@code doc}. */
  public static String damage(String doc, SplittableRandom r) {
    if (doc.isEmpty()) {
      return r.nextBoolean() ? "" : "{";
    }
    switch (r.nextInt(8)) {
      case 0, 1:
        return replaceOne(doc, NUMBER, r, NUMBERS[r.nextInt(NUMBERS.length)]);
      case 2:
        return replaceOne(doc, NUMBER, r, VALUES[r.nextInt(VALUES.length)]);
      case 3:
        return replaceOne(doc, STRING, r, STRINGS[r.nextInt(STRINGS.length)]);
      case 4: {
        int at = r.nextInt(doc.length());
        return doc.substring(0, at) + doc.substring(at + 1);
      }
      case 5:
        return doc.substring(0, r.nextInt(doc.length()));
      case 6: { // duplicate or drop one element of an array of numbers
        Matcher m = Pattern.compile("\\[(-?\\d+)(, ?)").matcher(doc);
        List<int[]> hits = new ArrayList<>();
        while (m.find()) {
          hits.add(new int[] {m.start(1), m.end(2)});
        }
        if (hits.isEmpty()) {
          return doc;
        }
        int[] h = hits.get(r.nextInt(hits.size()));
        String element = doc.substring(h[0], h[1]);
        return r.nextBoolean() ? doc.substring(0, h[0]) + element + doc.substring(h[0])
            : doc.substring(0, h[0]) + doc.substring(h[1]);
      }
      default: {
        int brace = doc.indexOf('{', r.nextInt(doc.length()));
        if (brace < 0) {
          return doc + (r.nextBoolean() ? " {}" : " 7");
        }
        return doc.substring(0, brace + 1) + "\"bogus\": 1, " + doc.substring(brace + 1);
      }
    }
  }

  private static String replaceOne(String doc, Pattern p, SplittableRandom r, String with) {
    Matcher m = p.matcher(doc);
    List<int[]> hits = new ArrayList<>();
    while (m.find()) {
      hits.add(new int[] {m.start(), m.end()});
    }
    if (hits.isEmpty()) {
      return doc;
    }
    int[] h = hits.get(r.nextInt(hits.size()));
    return doc.substring(0, h[0]) + with + doc.substring(h[1]);
  }
}
