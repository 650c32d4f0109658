package dev.spikeforge.golden.spec.hw;

import dev.spikeforge.golden.spec.SpecException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The bit layout of one word of a hardware memory, as data: the list of fields from which the
 * compiler's image packer ({@link #pack}), hw-gen's field extraction and the tables of
 * {@code docs/hardware.md} are all derived. Fields do not overlap; the word is as wide as its
 * highest field.
 *
 * @param name what the word holds, e.g. {@code feedforward lane word}
 * @param fields the fields, least significant first
 */
public record HwWordLayout(String name, List<HwField> fields) {
  public HwWordLayout {
    SpecException.check(fields != null && !fields.isEmpty(), "fields", "a word needs at least one field");
    fields = List.copyOf(fields);
    for (int a = 0; a < fields.size(); a++) {
      for (int b = a + 1; b < fields.size(); b++) {
        HwField x = fields.get(a);
        HwField y = fields.get(b);
        SpecException.check(!x.name().equals(y.name()), "fields", "field '" + x.name() + "' appears twice");
        boolean overlap = x.offset() < y.offset() + y.width() && y.offset() < x.offset() + x.width();
        SpecException.check(!overlap, "fields", "fields '" + x.name() + "' and '" + y.name() + "' overlap");
      }
    }
  }

  /** A field's name, width and signedness; offsets follow from the order (first = least significant). */
  public record Def(String name, int width, boolean signed) {}

  /** A layout of consecutive fields, the first at bit 0. */
  public static HwWordLayout sequential(String name, Def... defs) {
    List<HwField> f = new ArrayList<>();
    int offset = 0;
    for (Def d : defs) {
      f.add(new HwField(d.name(), d.width(), offset, d.signed()));
      offset += d.width();
    }
    return new HwWordLayout(name, f);
  }

  /** Word width in bits. */
  public int width() {
    int w = 0;
    for (HwField f : fields) {
      w = Math.max(w, f.offset() + f.width());
    }
    return w;
  }

  /** The field called {@code name}. */
  public HwField field(String name) {
    for (HwField f : fields) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("word '" + this.name + "' has no field '" + name + "'; it has " + names());
  }

  /** Whether the word has a field called {@code name}. */
  public boolean has(String name) {
    return fields.stream().anyMatch(f -> f.name().equals(name));
  }

  public List<String> names() {
    return fields.stream().map(HwField::name).toList();
  }

  /**
   * Packs one value per field, in field order, into a word. Each value must fit its field (signed
   * fields take two's complement values, unsigned fields 0..2^width-1).
   */
  public BigInteger pack(long... values) {
    if (values.length != fields.size()) {
      throw new IllegalArgumentException("word '" + name + "' has " + fields.size() + " fields " + names() + ", got "
          + values.length + " values");
    }
    BigInteger w = BigInteger.ZERO;
    for (int k = 0; k < values.length; k++) {
      w = w.or(packField(fields.get(k), values[k]));
    }
    return w;
  }

  /**
   * Packs one value per field like {@link #pack(long...)}, for fields of any width (a popcount
   * chunk's weight bits can be wider than a long): values are two's complement BigIntegers.
   */
  public BigInteger pack(BigInteger... values) {
    if (values.length != fields.size()) {
      throw new IllegalArgumentException("word '" + name + "' has " + fields.size() + " fields " + names() + ", got "
          + values.length + " values");
    }
    BigInteger w = BigInteger.ZERO;
    for (int k = 0; k < values.length; k++) {
      HwField f = fields.get(k);
      BigInteger v = values[k];
      BigInteger lo = f.signed() ? BigInteger.ONE.shiftLeft(f.width() - 1).negate() : BigInteger.ZERO;
      BigInteger hi = (f.signed() ? BigInteger.ONE.shiftLeft(f.width() - 1) : BigInteger.ONE.shiftLeft(f.width()))
          .subtract(BigInteger.ONE);
      if (v.compareTo(lo) < 0 || v.compareTo(hi) > 0) {
        throw new IllegalArgumentException("value " + v + " does not fit field '" + f.name() + "' (" + f.width()
            + " bits, " + (f.signed() ? "signed" : "unsigned") + ")");
      }
      w = w.or(v.and(BigInteger.ONE.shiftLeft(f.width()).subtract(BigInteger.ONE)).shiftLeft(f.offset()));
    }
    return w;
  }

  /** {@code value} placed in field {@code f} (other bits zero); a value that does not fit is an error. */
  public static BigInteger packField(HwField f, long value) {
    boolean fits = f.width() >= 63 ? (f.signed() || value >= 0) : (value >= f.min() && value <= f.max());
    if (!fits) {
      throw new IllegalArgumentException("value " + value + " does not fit field '" + f.name() + "' ("
          + f.width() + " bits, " + (f.signed() ? "signed" : "unsigned") + ")");
    }
    BigInteger bits = BigInteger.valueOf(value).and(BigInteger.ONE.shiftLeft(f.width()).subtract(BigInteger.ONE));
    return bits.shiftLeft(f.offset());
  }

  /** The value of field {@code name} in {@code word} (sign-extended for a signed field). */
  public long unpack(BigInteger word, String name) {
    HwField f = field(name);
    BigInteger bits = word.shiftRight(f.offset()).and(BigInteger.ONE.shiftLeft(f.width()).subtract(BigInteger.ONE));
    long v = bits.longValue();
    if (f.signed() && bits.testBit(f.width() - 1)) {
      v -= 1L << f.width();
    }
    return v;
  }
}
