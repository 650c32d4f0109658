package dev.spikeforge.golden.analysis.rtd;

import java.util.List;

/**
 * The finite bars of a Vietoris–Rips filtration in dimensions 0 and 1, each {@code [birth, death)}
 * with {@code death > birth} (bars of length 0 are left out, and so is the one infinite H0 bar).
 *
 * @param h0 connected components: birth 0, death the length of the edge that merges them
 * @param h1 loops: birth the edge that closes them, death the triangle that fills them
 */
public record Barcode(List<Bar> h0, List<Bar> h1) {
  /** One bar. */
  public record Bar(double birth, double death) {
    public Bar {
      if (!(death > birth)) {
        throw new IllegalArgumentException("a bar dies after it is born: [" + birth + ", " + death + ")");
      }
    }

    public double length() {
      return death - birth;
    }
  }

  public Barcode {
    h0 = List.copyOf(h0);
    h1 = List.copyOf(h1);
  }

  /** The sum of the bar lengths of dimension {@code dim} (0 or 1). */
  public double totalLength(int dim) {
    List<Bar> bars = switch (dim) {
      case 0 -> h0;
      case 1 -> h1;
      default -> throw new IllegalArgumentException("dimension must be 0 or 1, got " + dim);
    };
    double s = 0;
    for (Bar b : bars) {
      s += b.length();
    }
    return s;
  }
}
