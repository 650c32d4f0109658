package dev.spikeforge.boards.link;

import dev.spikeforge.hwgen.board.LinkFrame;
import dev.spikeforge.hwgen.board.LinkProtocol;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Host API of a board running a UART board top: identify it, send samples, read decisions.
 *
 * <pre>{@code
 * try (SerialLink port = TtySerialLink.open(Path.of("/dev/ttyUSB1"), 115200);
 *      BoardClient board = BoardClient.connect(port, Duration.ofSeconds(2))) {
 *   LinkParams p = board.params();               // inputs, outputs, widths, FIFO, design id
 *   BoardResult r = board.classify(spikesPerStep); // one sample: int[T][] ascending indices
 *   List<BoardResult> all = board.classifyAll(samples);
 *   // a learning core (compile --learning desire): train on labelled samples, read the weights back
 *   BoardResult d = board.train(spikesPerStep, label, epoch, position, reference);
 *   BigInteger[] fc1 = board.readWeights(0);
 * }
 * }</pre>
 *
 * Flow control follows the protocol: at most {@code fifoDepth} bytes are outstanding, each CREDIT
 * frame returns {@code creditChunk}; samples are streamed back to back, so the link stays busy.
 * Any ERROR frame from the board, a missing answer or a corrupt frame is a {@link LinkException}.
 */
public final class BoardClient implements AutoCloseable {
  private final SerialLink link;
  private final Duration timeout;
  private final LinkParams params;
  private final LinkCodec codec;
  private final FrameDecoder decoder;
  private final byte[] buffer = new byte[4096];
  private long outstanding; // bytes sent and not yet returned by CREDIT frames
  private long creditWaits; // times the host had to wait for credit
  private BoardFrame.Learning learning; // a learning core's LEARNING frame (null: inference only)
  private final Deque<java.math.BigInteger> words = new ArrayDeque<>(); // WORD frames not yet taken

  private BoardClient(SerialLink link, Duration timeout, LinkParams params) {
    this.link = link;
    this.timeout = timeout;
    this.params = params;
    this.codec = new LinkCodec(params.core());
    this.decoder = new FrameDecoder(params);
  }

  /**
   * Connects: discards whatever the board was still sending, sends IDENTIFY and waits for INFO
   * (skipping bytes until a valid INFO frame, so a half-received frame of an earlier session does
   * not matter). Credits are counted from the INFO frame on. A board reporting link version 3 has a
   * learning core: its LEARNING frame follows INFO and is read too; version 2 is a core that only infers.
   *
   * @param timeout longest wait for any answer
   * @throws LinkException if no INFO arrives or its protocol version is not 2, 3 or 4 (a pixel-input board)
   */
  public static BoardClient connect(SerialLink link, Duration timeout) {
    byte[] buf = new byte[4096];
    while (link.read(buf, Duration.ofMillis(50)) > 0) {
      // drain what an earlier session left in flight
    }
    List<LinkFrame> infos = List.of(LinkProtocol.info(LinkProtocol.InferenceVersion()),
        LinkProtocol.info(LinkProtocol.LearningVersion()), LinkProtocol.info(LinkProtocol.PixelsVersion()));
    link.write(new byte[] {(byte) LinkProtocol.CmdIdentify()});
    List<Byte> seen = new ArrayList<>();
    while (true) {
      int n = link.read(buf, timeout);
      if (n == 0) {
        throw new LinkException("no INFO answer from " + link.describe() + " within " + timeout.toMillis()
            + " ms after IDENTIFY: is the board configured with a spikeforge UART board top, and is the baud rate right?"
            + (seen.isEmpty() ? " (nothing received)" : " (received " + seen.size() + " other bytes)"));
      }
      for (int i = 0; i < n; i++) {
        seen.add(buf[i]);
      }
      // look for a complete INFO frame with a valid checksum anywhere in what arrived; its first field,
      // the version, says which of the two layouts it has
      for (int start = 0; start + 2 <= seen.size(); start++) {
        if ((seen.get(start) & 0xFF) != LinkProtocol.FrameInfo()) {
          continue;
        }
        int version = seen.get(start + 1) & 0xFF;
        int at = start;
        if (!LinkProtocol.knownVersion(version)) {
          // another version's INFO, recognised by its checksum under either layout
          if (infos.stream().anyMatch(f -> at + f.frameBytes() <= seen.size() && checksumOk(seen, at, f.frameBytes()))) {
            throw new LinkException("the board speaks link protocol version " + version + ", this host "
                + LinkProtocol.InferenceVersion() + " (a core that only infers), " + LinkProtocol.LearningVersion()
                + " (a learning core) and " + LinkProtocol.PixelsVersion()
                + " (pixels encoded on chip); rebuild the bitstream or update spikeforge");
          }
          continue;
        }
        LinkFrame info = LinkProtocol.info(version);
        if (start + info.frameBytes() > seen.size() || !checksumOk(seen, start, info.frameBytes())) {
          continue;
        }
        byte[] frame = new byte[info.frameBytes()];
        for (int k = 0; k < frame.length; k++) {
          frame[k] = seen.get(start + k);
        }
        LinkParams p = ((BoardFrame.Info) FrameDecoder.decode(info, frame, start)).params();
        BoardClient c = new BoardClient(link, timeout, p);
        byte[] rest = new byte[seen.size() - start - frame.length];
        for (int k = 0; k < rest.length; k++) {
          rest[k] = seen.get(start + frame.length + k);
        }
        c.handle(c.decoder.feed(rest, 0, rest.length), null); // frames after INFO (a learning core's LEARNING)
        while (p.learns() && c.learning == null) {
          if (!c.receive(null)) {
            throw new LinkException("no LEARNING frame from " + link.describe() + " within " + timeout.toMillis()
                + " ms after INFO, although the board reports a learning core of " + p.learnLayers() + " layers");
          }
        }
        return c;
      }
    }
  }

  private static boolean checksumOk(List<Byte> bytes, int start, int length) {
    int sum = 0;
    for (int k = 0; k < length; k++) {
      sum += bytes.get(start + k) & 0xFF;
    }
    return (sum & 0xFF) == 0;
  }

  /** The board's parameters, from its INFO frame. */
  public LinkParams params() {
    return params;
  }

  /** How often the host had to wait for the board to return credit (the core was the bottleneck). */
  public long creditWaits() {
    return creditWaits;
  }

  /** The encoder for this board's widths. */
  public LinkCodec codec() {
    return codec;
  }

  /**
   * Writes memory images through the board core's load port (LOAD frames, {@link
   * LinkCodec#MAX_LOAD_WORDS} words at most each; the board takes them between samples, in order
   * with the samples sent before and after). Nothing is answered; errors arrive as ERROR frames.
   *
   * @param loadCore the core's widths including its load port ({@link #loadParams})
   * @param memory the memory's load index
   * @param words the words from address 0 on
   */
  public void load(dev.spikeforge.hwgen.board.CoreStreamParams loadCore, int memory, List<java.math.BigInteger> words) {
    LinkCodec c = new LinkCodec(loadCore);
    Deque<BoardResult> arrived = new ArrayDeque<>();
    for (int from = 0; from < words.size(); from += LinkCodec.MAX_LOAD_WORDS) {
      int to = Math.min(words.size(), from + LinkCodec.MAX_LOAD_WORDS);
      send(c.load(memory, from, words.subList(from, to)), arrived);
      if (!arrived.isEmpty()) {
        throw new LinkException("a RESULT arrived while loading memories: a sample was still running");
      }
    }
  }

  /**
   * The widths of a compiled core's stream and load ports, as the board top of its bitstream was
   * generated with (no load port, {@code loadMemories} 0, unless the core has one: {@code HwGen.hasLoadPort}),
   * and, for a learning core, its learning unit's ports and its trace port (declared, left unconnected).
   */
  public static dev.spikeforge.hwgen.board.CoreStreamParams loadParams(dev.spikeforge.golden.spec.hw.HwCore core) {
    dev.spikeforge.hwgen.board.CoreLearnParams learning = null;
    if (core.learns()) {
      List<Integer> memories = new ArrayList<>();
      List<Integer> depths = new ArrayList<>();
      for (int l = 0; l < core.layers().size(); l++) {
        dev.spikeforge.golden.spec.hw.HwMemory m =
            core.memory(l, dev.spikeforge.golden.spec.hw.MemoryRole.FEEDFORWARD);
        memories.add(core.loadIndex(m));
        depths.add(m.depth());
      }
      dev.spikeforge.golden.spec.hw.HwThreeFactorLearning tf = core.threeFactorLearning();
      if (tf != null) {
        // the three-factor unit's train port (SnnCore ThreeFactorTrainCmd): label, feedback and rounding states
        learning = dev.spikeforge.hwgen.board.CoreLearnParams.ofThreeFactor(core.layers().size(), memories, depths,
            tf.randomFeedback(), tf.roundingBits() > 0);
      } else {
        boolean dropout = java.util.Arrays.stream(core.learning().dropoutThresholds()).anyMatch(t -> t > 0);
        learning = new dev.spikeforge.hwgen.board.CoreLearnParams(core.layers().size(),
            core.learning().rateExponentWidth(), memories, depths, dropout, core.learning().roundingBits() > 0);
      }
    }
    dev.spikeforge.hwgen.board.CoreStreamParams p = new dev.spikeforge.hwgen.board.CoreStreamParams(
        core.indexWidth(), core.inputSize(), core.outputSize(), core.countWidth(),
        dev.spikeforge.hwgen.HwGen.hasLoadPort(core) ? core.memories().size() : 0, core.loadAddressWidth(),
        core.loadDataWidth(), learning);
    // a learning board top declares the trace port (Verilator's lint, which the learning board's test runs,
    // wants every pin); a top around a core that only infers stays the version-2 top, without it
    return learning == null ? p : p.withTrace(new dev.spikeforge.hwgen.board.CoreTraceParams(core.layerWidth(),
        core.neuronWidth(), core.traceLanes(), core.traceMembraneWidth()));
  }

  /**
   * Whether a build's core needs memory images loaded after programming: a memory in SPRAM (which the bitstream
   * cannot initialise), or a three-factor learning core (its unit's shadow memories have no init file: every
   * memory is loaded, {@link #loadImages}{@code (build, true)}).
   */
  public static boolean needsLoad(dev.spikeforge.golden.spec.hw.HwCore core) {
    return core.threeFactorLearning() != null || core.memories().stream()
        .anyMatch(m -> m.kind() == dev.spikeforge.golden.spec.hw.MemoryKind.SPRAM);
  }

  /** Loads what {@link #needsLoad} names (nothing if it is false); returns the words sent. */
  public long loadAfterProgramming(java.nio.file.Path buildDir, dev.spikeforge.golden.spec.hw.HwCore core) {
    return needsLoad(core) ? loadImages(buildDir, core.threeFactorLearning() != null) : 0;
  }

  /**
   * Loads a build directory's memory images into the board: the SPRAM memories (which the
   * bitstream cannot initialise), or every memory when {@code all} (weights of another network of
   * the same structure, without a new bitstream).
   *
   * @return the words sent
   */
  public long loadImages(java.nio.file.Path buildDir, boolean all) {
    dev.spikeforge.compiler.build.BuildDirectory.Loaded b = dev.spikeforge.compiler.build.BuildDirectory.load(buildDir);
    dev.spikeforge.golden.spec.hw.HwCore core = b.core();
    dev.spikeforge.hwgen.board.CoreStreamParams lp = loadParams(core);
    if (lp.indexWidth() != params.indexWidth() || lp.inputs() != params.inputs() || lp.outputs() != params.outputs()
        || lp.countWidth() != params.countWidth()) {
      throw new LinkException("build " + buildDir + " has " + lp.inputs() + " inputs and " + lp.outputs()
          + " outputs, the board's core " + params.inputs() + " and " + params.outputs()
          + ": load a build of the network structure the bitstream was made from");
    }
    if (all && lp.loadMemories() == 0) {
      throw new LinkException("build " + buildDir + ": the core has no load port (no weight memory in SPRAM), so its"
          + " block-RAM memories are fixed in the bitstream; build a new bitstream for other weights");
    }
    long sent = 0;
    for (dev.spikeforge.golden.spec.hw.HwMemory m : core.memories()) {
      if (!all && m.kind() != dev.spikeforge.golden.spec.hw.MemoryKind.SPRAM) {
        continue;
      }
      java.nio.file.Path image = b.dir().resolve(m.file());
      List<java.math.BigInteger> words = new ArrayList<>();
      try {
        for (String line : java.nio.file.Files.readAllLines(image)) {
          if (!line.isBlank()) {
            words.add(new java.math.BigInteger(line.strip(), 16));
          }
        }
      } catch (java.io.IOException | NumberFormatException e) {
        throw new LinkException("cannot read memory image " + image + ": " + e.getMessage());
      }
      load(lp, core.loadIndex(m), words);
      sent += words.size();
    }
    return sent;
  }

  /**
   * Runs one training sample on a learning core: a TRAIN frame (the label, s(epoch) and the LFSR start
   * states of sample (epoch, position), all from {@code reference}, the golden reference of the run, e.g. the
   * training module's {@code DesireLearningReference}: docs/learning.md §4, the host sends the states, the
   * board never seeds an LFSR itself) and the
   * sample's steps. The core runs the sample with dropout, updates its weights, then answers. A three-factor
   * core (its LEARNING frame's rate width 0; reference e.g. {@code ThreeFactorLearningReference}) gets rate 0,
   * the reference's {@code feedbackState()} in the dropout state's place and its per-layer rounding states.
   *
   * @param steps per time step, the ascending input channels that spike; exactly the core's T steps
   * @return the sample's decision (from the forward pass with dropout; the RESULT comes after the update)
   * @throws IllegalStateException naming the board if its core has no learning unit (built without {@code
   *     --learning}); nothing is sent
   * @throws IllegalArgumentException if the label is not an output class or the states do not fit the core;
   *     nothing is sent
   */
  public BoardResult train(int[][] steps, int label, int epoch, long position,
      dev.spikeforge.golden.sim.LearningReference reference) {
    requireLearning("train");
    if (label < 0 || label >= params.outputs()) {
      throw new IllegalArgumentException("label " + label + " is not an output class of the board's core (0.."
          + (params.outputs() - 1) + ")");
    }
    java.util.Objects.requireNonNull(reference, "reference");
    int s = reference.rateExponent(epoch);
    if (s < 0 || s >= 1 << learning.rateExponentWidth()) {
      throw new IllegalArgumentException("epoch " + epoch + "'s learning-rate exponent " + s + " does not fit the board"
          + " core's " + learning.rateExponentWidth() + "-bit register");
    }
    int[] rounding = new int[params.learnLayers()];
    for (int l = 0; l < rounding.length; l++) {
      rounding[l] = reference.roundingState(l, epoch, position);
    }
    byte[] sample;
    try {
      sample = codec.sample(steps);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("training sample: " + e.getMessage(), e);
    }
    Deque<BoardResult> arrived = new ArrayDeque<>();
    // TRAIN's LFSR state: a three-factor core's (no rate register: LEARNING's width 0) is the feedback stream's
    int state = learning.rateExponentWidth() == 0 ? reference.feedbackState() : reference.dropoutState(epoch, position);
    send(codec.train(label, s, state, rounding), arrived);
    send(sample, arrived);
    while (arrived.isEmpty()) {
      if (!receive(arrived)) {
        throw new LinkException("no result from " + link.describe() + " within " + timeout.toMillis()
            + " ms for a training sample (does the core expect as many steps per sample?)");
      }
    }
    if (arrived.size() > 1) {
      throw new LinkException(arrived.size() + " RESULT frames arrived for one training sample: another program is"
          + " using the board");
    }
    return arrived.getFirst();
  }

  /** Words of layer {@code layer}'s weight memory on a learning core (from its LEARNING frame). */
  public int weightWords(int layer) {
    requireLearning("read weights");
    if (layer < 0 || layer >= learning.depths().size()) {
      throw new IllegalArgumentException("layer " + layer + " is not a layer of the board core's learning unit (0.."
          + (learning.depths().size() - 1) + ")");
    }
    return learning.depths().get(layer);
  }

  /**
   * Reads layer {@code layer}'s whole feedforward weight memory from a learning core (READ frames answered
   * with WORD frames; the core answers between samples). Word k is the memory image's line k
   * ({@code mem/layer<l>_ff.hex}): the lanes' shadow weights side by side.
   *
   * @throws IllegalStateException if the board's core has no learning unit; nothing is sent
   */
  public java.math.BigInteger[] readWeights(int layer) {
    return readWeights(layer, 0, weightWords(layer));
  }

  /** Words {@code address .. address+count−1} of layer {@code layer}'s weight memory (see {@link #readWeights(int)}). */
  public java.math.BigInteger[] readWeights(int layer, int address, int count) {
    int depth = weightWords(layer);
    if (address < 0 || count < 0 || (long) address + count > depth) {
      throw new IllegalArgumentException("words " + address + ".." + ((long) address + count - 1) + " are not all in"
          + " layer " + layer + "'s weight memory of " + depth + " words");
    }
    java.math.BigInteger[] out = new java.math.BigInteger[count];
    Deque<BoardResult> arrived = new ArrayDeque<>();
    words.clear();
    int got = 0;
    for (int from = 0; from < count; from += LinkCodec.MAX_LOAD_WORDS) {
      int n = Math.min(LinkCodec.MAX_LOAD_WORDS, count - from);
      send(codec.read(layer, address + from, n), arrived);
      while (got < from + n) {
        if (words.isEmpty() && !receive(arrived)) {
          throw new LinkException("no WORD from " + link.describe() + " within " + timeout.toMillis() + " ms: "
              + got + " of " + count + " words of layer " + layer + " arrived");
        }
        while (!words.isEmpty() && got < count) {
          out[got++] = words.poll();
        }
      }
      if (!arrived.isEmpty()) {
        throw new LinkException("a RESULT arrived while reading weights: a sample was still running");
      }
    }
    return out;
  }

  private void requireLearning(String what) {
    if (!params.learns()) {
      throw new IllegalStateException(String.format(Locale.ROOT, "cannot %s: the board on %s (design id 0x%08x)"
          + " reports link version %d in its INFO, a core that only infers (built without --learning), which has no"
          + " TRAIN or READ frames; nothing was sent. Compile the network with 'spikeforge compile MODEL --learning"
          + " desire -o DIR', build its bitstream with 'spikeforge bitstream DIR' and configure the board with it",
          what, link.describe(), params.designId(), params.version()));
    }
  }

  /** Resets the board's core (not the link); a sample in progress is abandoned. */
  public void resetCore() {
    send(codec.reset(), new ArrayDeque<>());
  }

  /**
   * Runs one sample.
   *
   * @param steps per time step, the ascending input channels that spike; exactly the core's T steps
   */
  public BoardResult classify(int[][] steps) {
    return classifyAll(java.util.Collections.singletonList(steps)).get(0);
  }

  /**
   * Runs images (8-bit intensities, one byte per input) coded on the host with {@link #steps}: the encoder and
   * T the build's network records, so the board sees exactly the spikes verify checked the RTL on.
   *
   * @param ids the samples' ids (the dataset ids; they seed the Poisson encoder, the others ignore them)
   */
  public List<BoardResult> classifyImages(dev.spikeforge.golden.spec.NetworkSpec network, List<byte[]> images,
      long[] ids) {
    if (ids.length != images.size()) {
      throw new IllegalArgumentException(images.size() + " images but " + ids.length + " ids");
    }
    List<int[][]> samples = new ArrayList<>(images.size());
    for (int k = 0; k < images.size(); k++) {
      samples.add(steps(network, images.get(k), ids[k]));
    }
    return classifyAll(samples);
  }

  /**
   * One image as the per-step input channels {@link #classify} takes, coded with the encoder {@code network}
   * records ({@code NetworkSpec.encoder}, docs/datasets.md §3.5) over its T steps.
   */
  public static int[][] steps(dev.spikeforge.golden.spec.NetworkSpec network, byte[] image, long id) {
    if (image.length != network.inputSize()) {
      throw new IllegalArgumentException("image has " + image.length + " values; network '" + network.name()
          + "' has " + network.inputSize() + " inputs");
    }
    dev.spikeforge.golden.sim.SpikeRaster r = dev.spikeforge.golden.data.SpikeEncoder.of(network.encoder())
        .encode(image, network.timesteps(), id);
    int[][] steps = new int[r.steps()][];
    for (int t = 0; t < steps.length; t++) {
      steps[t] = r.at(t).clone();
    }
    return steps;
  }

  /**
   * Runs images on a pixel-input board (link version 4): one PIXELS frame per image, streamed back to back within
   * the board's credit (the next image waits in the board's FIFO while the encoder works on this one), encoded on
   * chip with the board's encoder. {@code network} must be the one the bitstream was built from: its encoder and
   * T must equal what the board's INFO reports (checked before anything is sent), and a Poisson encoder's LFSR
   * start state is derived here from its seed and each sample's id, as {@code PoissonEncoder} does.
   *
   * @param ids the samples' ids (seed the Poisson encoder; the others ignore them)
   * @throws IllegalStateException if the board takes no pixels or codes with another encoder or T; nothing is sent
   */
  public List<BoardResult> classifyPixels(dev.spikeforge.golden.spec.NetworkSpec network, List<byte[]> images,
      long[] ids) {
    if (ids.length != images.size()) {
      throw new IllegalArgumentException(images.size() + " images but " + ids.length + " ids");
    }
    requirePixels(network);
    dev.spikeforge.golden.spec.EncoderSpec e = network.encoder();
    boolean poisson = e.kind() == dev.spikeforge.golden.spec.EncoderSpec.Kind.POISSON;
    List<byte[]> frames = new ArrayList<>(images.size());
    for (int k = 0; k < images.size(); k++) {
      int state = poisson ? dev.spikeforge.golden.data.PoissonEncoder.startState(e.seed(), ids[k]) : 0;
      try {
        frames.add(codec.pixels(images.get(k), poisson, state));
      } catch (IllegalArgumentException x) {
        throw new IllegalArgumentException("image " + k + ": " + x.getMessage(), x);
      }
    }
    return stream(frames);
  }

  private void requirePixels(dev.spikeforge.golden.spec.NetworkSpec network) {
    if (!params.takesPixels()) {
      throw new IllegalStateException(String.format(Locale.ROOT, "cannot send pixels: the board on %s (design id"
          + " 0x%08x) reports link version %d, a board top without an on-chip encoder; nothing was sent. Build the"
          + " bitstream with 'spikeforge bitstream DIR --input pixels', or send spike frames (--input spikes)",
          link.describe(), params.designId(), params.version()));
    }
    dev.spikeforge.golden.spec.EncoderSpec e = network.encoder();
    int code = switch (e.kind()) {
      case RATE -> dev.spikeforge.hwgen.board.PixelInputParams.CodeRate();
      case LATENCY -> dev.spikeforge.hwgen.board.PixelInputParams.CodeLatency();
      case POISSON -> dev.spikeforge.hwgen.board.PixelInputParams.CodePoisson();
      case RATE32 -> 0;
    };
    if (code != params.encoder() || e.minIntensity() != params.minIntensity()
        || network.timesteps() != params.steps()) {
      throw new IllegalStateException(String.format(Locale.ROOT, "cannot send pixels: network '%s' codes its input"
          + " with %s over T = %d, but the board on %s encodes with encoder %d (1 rate, 2 latency, 3 poisson),"
          + " min %d, over T = %d; nothing was sent. Use the network the bitstream was built from",
          network.name(), e, network.timesteps(), link.describe(), params.encoder(), params.minIntensity(),
          params.steps()));
    }
  }

  /** Runs samples back to back, streaming within the board's credit, and returns their results in order. */
  public List<BoardResult> classifyAll(List<int[][]> samples) {
    List<byte[]> encoded = new ArrayList<>(samples.size());
    for (int s = 0; s < samples.size(); s++) {
      try {
        encoded.add(codec.sample(samples.get(s)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("sample " + s + ": " + e.getMessage(), e);
      }
    }
    return stream(encoded);
  }

  /** Sends each sample's bytes back to back within the credit; their results in order. */
  private List<BoardResult> stream(List<byte[]> samples) {
    List<BoardResult> results = new ArrayList<>();
    Deque<BoardResult> arrived = new ArrayDeque<>();
    for (byte[] bytes : samples) {
      send(bytes, arrived);
      results.addAll(arrived);
      arrived.clear();
    }
    while (results.size() < samples.size()) {
      if (!receive(arrived)) {
        throw new LinkException(String.format(Locale.ROOT,
            "no result from %s within %d ms: %d of %d samples answered (does the core expect as many steps per sample?)",
            link.describe(), timeout.toMillis(), results.size(), samples.size()));
      }
      results.addAll(arrived);
      arrived.clear();
    }
    return results;
  }

  /** Sends {@code bytes} in pieces that fit the credit, reading frames meanwhile. */
  private void send(byte[] bytes, Deque<BoardResult> arrived) {
    int off = 0;
    while (off < bytes.length) {
      long room = params.fifoDepth() - outstanding;
      if (room <= 0) {
        creditWaits++;
        if (!receive(arrived)) {
          throw new LinkException("no CREDIT from " + link.describe() + " within " + timeout.toMillis()
              + " ms while " + outstanding + " bytes are outstanding: the core has stopped taking input");
        }
        continue;
      }
      int n = (int) Math.min(room, bytes.length - off);
      byte[] piece = java.util.Arrays.copyOfRange(bytes, off, off + n);
      link.write(piece);
      outstanding += n;
      off += n;
    }
  }

  /** Reads and handles frames; false if nothing arrived within the timeout. */
  private boolean receive(Deque<BoardResult> arrived) {
    int n = link.read(buffer, timeout);
    if (n == 0) {
      return false;
    }
    handle(decoder.feed(buffer, 0, n), arrived);
    return true;
  }

  private void handle(List<BoardFrame> frames, Deque<BoardResult> arrived) {
    for (BoardFrame f : frames) {
      if (f instanceof BoardFrame.Credit) {
        outstanding -= params.creditChunk();
      } else if (f instanceof BoardFrame.Result r) {
        if (arrived == null) {
          throw new LinkException("a RESULT arrived before any sample was sent: another program is using the board");
        }
        arrived.add(r.result());
      } else if (f instanceof BoardFrame.Error e) {
        throw new LinkException("board error from " + link.describe() + ": " + e.describe());
      } else if (f instanceof BoardFrame.Learning l) {
        learning = l;
      } else if (f instanceof BoardFrame.Word w) {
        words.add(w.word());
      }
      // INFO after connect: ignored
    }
  }

  /** Closes the link. */
  @Override
  public void close() {
    link.close();
  }
}
