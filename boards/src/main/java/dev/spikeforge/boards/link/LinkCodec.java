package dev.spikeforge.boards.link;

import dev.spikeforge.hwgen.board.CoreStreamParams;
import dev.spikeforge.hwgen.board.LinkField;
import dev.spikeforge.hwgen.board.LinkFrame;
import dev.spikeforge.hwgen.board.LinkProtocol;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Host side of the link protocol: encodes commands for a board with the given core widths, and
 * replays the board's command parser on bytes ({@link #decodeCommands}), which makes it the Java twin
 * of {@code CommandParser}. Field sizes come from {@code LinkProtocol}, the same lists the hardware
 * is generated from.
 */
public final class LinkCodec {
  /** What the board's command parser does with the bytes it reads. */
  public sealed interface Command {
    /** A spike beat to the core. */
    record Spike(int index) implements Command {}

    /** An end-of-step beat to the core. */
    record EndOfStep() implements Command {}

    /** IDENTIFY: the board answers with INFO. */
    record Identify() implements Command {}

    /** RESET: the core is reset. */
    record Reset() implements Command {}

    /**
     * An unknown command byte: the board answers with ERROR code 1. On a board whose core only infers (link
     * version 2) that includes TRAIN's {@code T} and READ's {@code Q}, whose payload bytes are then read as
     * commands.
     */
    record Unknown(int value) implements Command {}

    /** A SPARSE index that is not an input channel: dropped, the board answers with ERROR code 5. */
    record DroppedIndex(long value) implements Command {}

    /** A LOAD word to the core's load port ({@code last}: the frame's final word, ending the burst). */
    record Load(int memory, int address, java.math.BigInteger data, boolean last) implements Command {}

    /** A LOAD frame naming a memory the core does not have: its words are dropped, ERROR code 6. */
    record DroppedLoad(int memory) implements Command {}

    /** A TRAIN frame a learning core takes: its training command. */
    record Train(int label, int rateExponent, int dropoutState, List<Integer> roundingStates) implements Command {}

    /** A READ frame a learning core takes: words address .. address+count−1 of the layer's weight memory. */
    record Read(int layer, int address, int count) implements Command {}

    /** A learning core's TRAIN or READ frame the board drops with ERROR {@code code} (7–11). */
    record Rejected(int command, int code, int detail) implements Command {}
  }

  /** Most words in one LOAD frame (its count field is 16 bits). */
  public static final int MAX_LOAD_WORDS = 65535;

  private final CoreStreamParams core;
  private final int countBytes;
  private final int indexBytes;
  private final int bitmapBytes;

  public LinkCodec(CoreStreamParams core) {
    this.core = core;
    LinkFrame sparse = LinkProtocol.sparseStep(core);
    this.countBytes = field(sparse, "count").bytes();
    this.indexBytes = field(sparse, "index").bytes();
    this.bitmapBytes = field(LinkProtocol.bitmapStep(core), "bitmap").bytes();
  }

  public CoreStreamParams core() {
    return core;
  }

  public byte[] identify() {
    return new byte[] {(byte) LinkProtocol.CmdIdentify()};
  }

  public byte[] reset() {
    return new byte[] {(byte) LinkProtocol.CmdReset()};
  }

  /**
   * One step as a SPARSE or a BITMAP frame, whichever is shorter (SPARSE on a tie).
   *
   * @param spikes the input channels that spike in this step, strictly ascending
   * @throws IllegalArgumentException naming the offending index
   */
  public byte[] step(int[] spikes) {
    check(spikes);
    long sparseLen = 1L + countBytes + (long) spikes.length * indexBytes;
    return sparseLen <= 1L + bitmapBytes ? sparse(spikes) : bitmap(spikes);
  }

  /** One step as a SPARSE frame: count, then the indices. */
  public byte[] sparseStep(int[] spikes) {
    check(spikes);
    return sparse(spikes);
  }

  /** One step as a BITMAP frame. */
  public byte[] bitmapStep(int[] spikes) {
    check(spikes);
    return bitmap(spikes);
  }

  /**
   * A LOAD frame: writes {@code words} to memory {@code memory} (its load index) from word
   * {@code address} on.
   *
   * @throws IllegalArgumentException if the core has no load port, or a field does not fit
   */
  public byte[] load(int memory, int address, List<java.math.BigInteger> words) {
    if (!core.hasLoad()) {
      throw new IllegalArgumentException("this core has no load port (CoreStreamParams.loadMemories is 0)");
    }
    if (memory < 0 || memory >= core.loadMemories()) {
      throw new IllegalArgumentException("memory " + memory + " is not one of the core's " + core.loadMemories()
          + " loadable memories");
    }
    if (words.isEmpty() || words.size() > MAX_LOAD_WORDS) {
      throw new IllegalArgumentException("a LOAD frame holds 1.." + MAX_LOAD_WORDS + " words, got " + words.size());
    }
    if (address < 0 || (long) address + words.size() > (1L << core.loadAddressWidth())) {
      throw new IllegalArgumentException("words " + address + ".." + (address + words.size() - 1)
          + " do not fit the load port's " + core.loadAddressWidth() + "-bit address");
    }
    int wordBytes = LinkProtocol.loadWordBytes(core);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(LinkProtocol.CmdLoad());
    out.write(memory);
    out.write(address & 0xFF);
    out.write(address >> 8 & 0xFF);
    out.write(words.size() & 0xFF);
    out.write(words.size() >> 8 & 0xFF);
    for (int k = 0; k < words.size(); k++) {
      java.math.BigInteger w = words.get(k);
      if (w.signum() < 0 || w.bitLength() > core.loadDataWidth()) {
        throw new IllegalArgumentException("word " + k + " (0x" + w.toString(16) + ") does not fit the load port's "
            + core.loadDataWidth() + " bits");
      }
      for (int b = 0; b < wordBytes; b++) {
        out.write(w.shiftRight(8 * b).intValue() & 0xFF);
      }
    }
    return out.toByteArray();
  }

  /**
   * A TRAIN frame: the next sample trains with this label, learning-rate exponent and LFSR start states.
   * {@code dropoutState} is the frame's LFSR state field ({@code LinkProtocol.trainStateField}): a desire core's
   * dropout state, a three-factor core's feedback state (its rate exponent is 0). Only the field sizes are checked here (the board checks the values against its core; {@code
   * BoardClient.train} checks them before sending).
   *
   * @throws IllegalArgumentException if a value does not fit its field
   */
  public byte[] train(int label, int rateExponent, int dropoutState, int[] roundingStates) {
    LinkFrame f = LinkProtocol.train(core);
    int labelBytes = field(f, "label").bytes();
    if (label < 0 || (long) label >= 1L << (8 * labelBytes)) {
      throw new IllegalArgumentException("label " + label + " does not fit the TRAIN frame's " + labelBytes + " byte(s)");
    }
    if (rateExponent < 0 || rateExponent > 255) {
      throw new IllegalArgumentException("rate exponent " + rateExponent + " does not fit the TRAIN frame's byte");
    }
    if (roundingStates.length < 1 || roundingStates.length > 255) {
      throw new IllegalArgumentException("a TRAIN frame carries 1..255 rounding states, got " + roundingStates.length);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(LinkProtocol.CmdTrain());
    writeLe(out, label, labelBytes);
    writeLe(out, rateExponent, 1);
    writeLe(out, dropoutState & 0xFFFFFFFFL, LinkProtocol.LfsrBytes());
    writeLe(out, roundingStates.length, 1);
    for (int r : roundingStates) {
      writeLe(out, r & 0xFFFFFFFFL, LinkProtocol.LfsrBytes());
    }
    return out.toByteArray();
  }

  /**
   * A READ frame: words {@code address .. address+count−1} of layer {@code layer}'s weight memory, answered
   * with {@code count} WORD frames.
   *
   * @throws IllegalArgumentException if a value does not fit its field
   */
  public byte[] read(int layer, int address, int count) {
    if (layer < 0 || layer > 255 || address < 0 || address > 0xFFFF || count < 0 || count > 0xFFFF) {
      throw new IllegalArgumentException("READ layer " + layer + ", address " + address + ", count " + count
          + ": the fields hold 0..255, 0..65535, 0..65535");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(LinkProtocol.CmdRead());
    writeLe(out, layer, 1);
    writeLe(out, address, 2);
    writeLe(out, count, 2);
    return out.toByteArray();
  }

  /**
   * A PIXELS frame (link version 4): the sample's intensities, one byte per input, encoded on the board; with
   * {@code state} (Poisson coding: {@code Lfsr.seeded(seed, sample index).state()}) first when {@code withState}.
   *
   * @throws IllegalArgumentException if the image does not have one value per input
   */
  public byte[] pixels(byte[] image, boolean withState, int state) {
    if (image.length != core.inputs()) {
      throw new IllegalArgumentException("image has " + image.length + " values; the board's core has "
          + core.inputs() + " inputs");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(LinkProtocol.CmdPixels());
    if (withState) {
      writeLe(out, state & 0xFFFFFFFFL, LinkProtocol.LfsrBytes());
    }
    out.writeBytes(image);
    return out.toByteArray();
  }

  /** A whole sample: one {@link #step} per time step, in order. */
  public byte[] sample(int[][] steps) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int t = 0; t < steps.length; t++) {
      try {
        out.writeBytes(step(steps[t]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("step " + t + ": " + e.getMessage(), e);
      }
    }
    return out.toByteArray();
  }

  /**
   * What the board's command parser makes of {@code bytes}: the same state machine, on the host. A
   * frame cut off at the end is ignored (the board would wait for the rest).
   */
  public List<Command> decodeCommands(byte[] bytes) {
    List<Command> out = new ArrayList<>();
    int i = 0;
    while (i < bytes.length) {
      int cmd = bytes[i++] & 0xFF;
      if (cmd == LinkProtocol.CmdIdentify()) {
        out.add(new Command.Identify());
      } else if (cmd == LinkProtocol.CmdReset()) {
        out.add(new Command.Reset());
      } else if (cmd == LinkProtocol.CmdSparseStep()) {
        if (i + countBytes > bytes.length) {
          break;
        }
        int n = (int) le(bytes, i, countBytes);
        i += countBytes;
        List<Command> step = new ArrayList<>();
        for (int k = 0; k < n && i + indexBytes <= bytes.length; k++) {
          long v = le(bytes, i, indexBytes);
          step.add(v < core.inputs() ? new Command.Spike((int) v) : new Command.DroppedIndex(v));
          i += indexBytes;
        }
        if (step.size() < n) {
          out.addAll(step); // beats already sent; the step stays open
          break;
        }
        out.addAll(step);
        out.add(new Command.EndOfStep());
      } else if (cmd == LinkProtocol.CmdBitmapStep()) {
        for (int b = 0; b < bitmapBytes; b++) {
          if (i >= bytes.length) {
            return out;
          }
          int v = bytes[i++] & 0xFF;
          for (int bit = 0; bit < 8; bit++) {
            int channel = 8 * b + bit;
            if ((v >> bit & 1) == 1 && channel < core.inputs()) {
              out.add(new Command.Spike(channel));
            }
          }
        }
        out.add(new Command.EndOfStep());
      } else if (core.hasLoad() && cmd == LinkProtocol.CmdLoad()) {
        int wordBytes = LinkProtocol.loadWordBytes(core);
        if (i + 5 > bytes.length) {
          break;
        }
        int memory = bytes[i] & 0xFF;
        int address = (int) le(bytes, i + 1, 2);
        int n = (int) le(bytes, i + 3, 2);
        i += 5;
        boolean bad = memory >= core.loadMemories();
        if (bad) {
          out.add(new Command.DroppedLoad(memory));
        }
        for (int k = 0; k < n; k++) {
          if (i + wordBytes > bytes.length) {
            return out;
          }
          java.math.BigInteger w = java.math.BigInteger.ZERO;
          for (int b = wordBytes - 1; b >= 0; b--) {
            w = w.shiftLeft(8).or(java.math.BigInteger.valueOf(bytes[i + b] & 0xFF));
          }
          i += wordBytes;
          if (!bad) {
            out.add(new Command.Load(memory, (address + k) & ((1 << core.loadAddressWidth()) - 1),
                w.and(java.math.BigInteger.ONE.shiftLeft(core.loadDataWidth()).subtract(java.math.BigInteger.ONE)),
                k == n - 1));
          }
        }
      } else if (core.learns() && cmd == LinkProtocol.CmdTrain()) {
        int head = LinkProtocol.trainHeadBytes(core);
        if (i + head + 1 > bytes.length) {
          break;
        }
        int labelBytes = LinkProtocol.predictionBytes(core);
        int label = (int) le(bytes, i, labelBytes);
        int rate = bytes[i + labelBytes] & 0xFF;
        int dropout = (int) le(bytes, i + labelBytes + 1, LinkProtocol.LfsrBytes());
        int n = bytes[i + head] & 0xFF;
        i += head + 1;
        if (i + n * LinkProtocol.LfsrBytes() > bytes.length) {
          break;
        }
        List<Integer> states = new ArrayList<>();
        for (int k = 0; k < n; k++) {
          states.add((int) le(bytes, i, LinkProtocol.LfsrBytes()));
          i += LinkProtocol.LfsrBytes();
        }
        out.add(trainCommand(cmd, label, rate, dropout, n, states));
      } else if (core.learns() && cmd == LinkProtocol.CmdRead()) {
        if (i + LinkProtocol.ReadPayloadBytes() > bytes.length) {
          break;
        }
        int layer = bytes[i] & 0xFF;
        int address = (int) le(bytes, i + 1, 2);
        int n = (int) le(bytes, i + 3, 2);
        i += LinkProtocol.ReadPayloadBytes();
        out.add(readCommand(cmd, layer, address, n));
      } else {
        out.add(new Command.Unknown(cmd));
      }
    }
    return out;
  }

  /** The board's checks of a whole TRAIN frame, in its order: label, exponent, layer count. */
  private Command trainCommand(int cmd, int label, int rate, int dropout, int n, List<Integer> states) {
    dev.spikeforge.hwgen.board.CoreLearnParams ln = core.learning().get();
    if (label >= core.outputs()) {
      return new Command.Rejected(cmd, LinkProtocol.ErrTrainLabel(), label & 0xFF);
    }
    if (rate >= 1 << ln.rateExponentWidth()) {
      return new Command.Rejected(cmd, LinkProtocol.ErrTrainRate(), rate);
    }
    if (n != ln.layers()) {
      return new Command.Rejected(cmd, LinkProtocol.ErrTrainLayers(), n);
    }
    return new Command.Train(label, rate, dropout, List.copyOf(states));
  }

  /** The board's checks of a READ frame: layer, words within the memory. */
  private Command readCommand(int cmd, int layer, int address, int n) {
    dev.spikeforge.hwgen.board.CoreLearnParams ln = core.learning().get();
    if (layer >= ln.layers()) {
      return new Command.Rejected(cmd, LinkProtocol.ErrReadLayer(), layer);
    }
    if (address + n > ln.depth(layer)) {
      return new Command.Rejected(cmd, LinkProtocol.ErrReadRange(), layer);
    }
    return new Command.Read(layer, address, n);
  }

  /**
   * A board-to-host frame with its checksum, from field values (the host twin of the board's frame
   * emitter; tests and simulated boards use it).
   */
  public static byte[] encodeToHost(LinkFrame frame, Map<String, Long> values) {
    if (!frame.toHost()) {
      throw new IllegalArgumentException(frame.name() + " is not a board-to-host frame");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(frame.code());
    for (LinkField f : frame.fields()) {
      Long v = values.get(f.name());
      if (v == null) {
        throw new IllegalArgumentException(frame.name() + ": no value for field " + f.name());
      }
      for (int b = 0; b < f.bytes(); b++) {
        out.write((int) (v >>> (8 * b)) & 0xFF);
      }
    }
    int sum = 0;
    for (byte b : out.toByteArray()) {
      sum += b & 0xFF;
    }
    out.write((-sum) & 0xFF);
    return out.toByteArray();
  }

  /** The little-endian unsigned value of {@code n} bytes at {@code off}. */
  static long le(byte[] b, int off, int n) {
    long v = 0;
    for (int k = n - 1; k >= 0; k--) {
      v = (v << 8) | (b[off + k] & 0xFF);
    }
    return v;
  }

  static LinkField field(LinkFrame frame, String name) {
    for (LinkField f : frame.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new IllegalStateException(frame.name() + " has no field " + name);
  }

  private byte[] sparse(int[] spikes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 + countBytes + spikes.length * indexBytes);
    out.write(LinkProtocol.CmdSparseStep());
    writeLe(out, spikes.length, countBytes);
    for (int s : spikes) {
      writeLe(out, s, indexBytes);
    }
    return out.toByteArray();
  }

  private byte[] bitmap(int[] spikes) {
    byte[] out = new byte[1 + bitmapBytes];
    out[0] = (byte) LinkProtocol.CmdBitmapStep();
    for (int s : spikes) {
      out[1 + s / 8] |= (byte) (1 << (s % 8));
    }
    return out;
  }

  private void check(int[] spikes) {
    if (spikes.length > (1L << (8 * countBytes)) - 1) {
      throw new IllegalArgumentException(spikes.length + " spikes in one step; at most "
          + ((1L << (8 * countBytes)) - 1) + " fit the SPARSE count");
    }
    int prev = -1;
    for (int k = 0; k < spikes.length; k++) {
      int s = spikes[k];
      if (s < 0 || s >= core.inputs()) {
        throw new IllegalArgumentException("spike index " + s + " (position " + k + ") is outside 0.."
            + (core.inputs() - 1));
      }
      if (s <= prev) {
        throw new IllegalArgumentException("spike indices must be strictly ascending: " + prev + " then " + s
            + " at position " + k);
      }
      prev = s;
    }
  }

  private static void writeLe(ByteArrayOutputStream out, long v, int n) {
    for (int b = 0; b < n; b++) {
      out.write((int) (v >>> (8 * b)) & 0xFF);
    }
  }
}
