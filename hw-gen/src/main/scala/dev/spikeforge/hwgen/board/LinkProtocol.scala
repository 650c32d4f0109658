package dev.spikeforge.hwgen.board

import java.util.{List => JList}
import scala.jdk.CollectionConverters._

/**
 * One field of a link frame: `bytes` bytes, little-endian (least significant byte first).
 *
 * @param name        field name, as in docs/hardware.md and the host codec
 * @param bytes       length in bytes (0 for a field repeated by a count, see [[LinkProtocol]])
 * @param description what the field holds
 */
final case class LinkField(name: String, bytes: Int, description: String)

/**
 * A frame: its type byte (the ASCII letter) and the fields that follow it, in order.
 *
 * @param name   e.g. "RESULT"
 * @param code   the frame's first byte
 * @param fields the payload, in transmission order
 * @param toHost true for board-to-host frames (which end with a checksum byte)
 */
final case class LinkFrame(name: String, code: Int, fields: JList[LinkField], toHost: Boolean) {
  /** Payload length in bytes (without the type byte and the checksum). */
  def payloadBytes: Int = fields.asScala.map(_.bytes).sum

  /** Whole frame length on the wire: type byte, payload and, towards the host, the checksum. */
  def frameBytes: Int = 1 + payloadBytes + (if (toHost) 1 else 0)
}

/**
 * The serial link between host and board, as data: version [[InferenceVersion]] on a board whose core
 * only infers, version [[LearningVersion]] (version 2 plus TRAIN, READ, LEARNING and WORD) on a board
 * whose core learns, so a host tells them apart from INFO's first field. The hardware
 * ([[CommandParser]], [[FrameEmitter]]) and the host codec (`dev.spikeforge.boards.link.LinkCodec`)
 * both build their frames from these lists, and docs/hardware.md prints them.
 *
 * Host to board (commands; no checksum, their bytes stream into the core as they arrive):
 *  - IDENTIFY `I`: no payload; the board answers with an INFO frame.
 *  - RESET `X`: no payload; resets the core (not the link). No answer.
 *  - SPARSE `S`: a u16 spike count n, then n indices of [[indexBytes]] bytes, ascending: one step.
 *  - BITMAP `B`: [[bitmapBytes]] bytes, bit i of byte j = input 8j+i: one step.
 *  - LOAD `W` (cores with a load port): memory (1), address (2), count n (2), then n words of
 *    [[loadWordBytes]] bytes: writes words address .. address+n−1 of the memory through the core's
 *    load port, as one burst (the core takes it between samples). A memory number the core does not
 *    have: the words are dropped and reported (ERROR 6).
 *  - TRAIN `T` (version 3 only): label, learning-rate exponent s(e) (1), dropout LFSR start state (4),
 *    layer count n (1), then n stochastic-rounding LFSR start states (4 each): everything the core's
 *    training command carries. A three-factor core (LEARNING's `rateExponentWidth` 0) takes the same bytes:
 *    rate 0, the random-feedback LFSR state in the dropout state's place ([[train]]). The next sample trains (its RESULT comes after the weight update). A
 *    label >= outputs (ERROR 7), an exponent beyond the core's register (ERROR 8) or n other than the
 *    learning unit's layers (ERROR 9) drops the command.
 *  - READ `Q` (version 3 only): layer (1), first word (2), count n (2): the board answers with n WORD
 *    frames, words address .. address+n−1 of the layer's feedforward weight memory, between samples. A
 *    layer the unit does not learn (ERROR 10) or words beyond the memory (ERROR 11) answer nothing else.
 *
 * A version-2 board does not know `T` and `Q`: like any unknown command byte each is answered with
 * ERROR 1 (detail: the byte) and skipped, and the frame's payload bytes are then read as commands. A
 * host never sends them to such a board (`BoardClient` refuses from INFO, before sending anything).
 *
 * Board to host (each frame ends with a checksum byte chosen so that all bytes of the frame,
 * type byte and checksum included, sum to 0 modulo 256):
 *  - CREDIT `K`: the board has taken [[creditChunk]] more bytes out of its receive FIFO.
 *  - INFO `I`, RESULT `R`, ERROR `E`: see the field lists.
 *  - LEARNING `L` (version 3, right after INFO): the learning-rate register's width and each
 *    layer's weight-memory depth, so a host can read whole layers.
 *  - WORD `D` (version 3): one weight word a READ asked for, zero-extended to [[loadWordBytes]] bytes.
 *
 * Flow control: the host may have at most `fifoDepth` bytes sent and not yet returned by credits.
 * IDENTIFY is not counted and restarts the board's count; CREDIT frames owed for earlier bytes are
 * sent before the INFO answer, so a host counts credits from the INFO frame on.
 */
object LinkProtocol {
  /**
   * Version reported by a board whose core only infers. Bump both versions on any change to a frame
   * they share.
   */
  val InferenceVersion: Int = 2

  /** Version reported by a board whose core learns: [[InferenceVersion]]'s frames plus the learning frames. */
  val LearningVersion: Int = 3

  /**
   * Version reported by a pixel-input board (a core that only infers, its input encoded on chip): version 2's
   * frames plus PIXELS, and INFO with the encoder.
   */
  val PixelsVersion: Int = 4

  /** The version a board top around a core with these widths reports. */
  def version(p: CoreStreamParams): Int = if (p.learns) LearningVersion else InferenceVersion

  /** The version of a board top around a core with these widths, taking pixels when `pixels` is set. */
  def version(p: CoreStreamParams, pixels: Option[PixelInputParams]): Int =
    if (pixels.isDefined) PixelsVersion else version(p)

  /** Whether a host knows version `v`. */
  def knownVersion(v: Int): Boolean = v == InferenceVersion || v == LearningVersion || v == PixelsVersion

  val CmdIdentify: Int = 'I'
  val CmdReset: Int = 'X'
  val CmdSparseStep: Int = 'S'
  val CmdBitmapStep: Int = 'B'
  val CmdLoad: Int = 'W'
  val CmdTrain: Int = 'T'
  val CmdRead: Int = 'Q'
  val CmdPixels: Int = 'P'

  val FrameCredit: Int = 'K'
  val FrameInfo: Int = 'I'
  val FrameResult: Int = 'R'
  val FrameError: Int = 'E'
  val FrameLearning: Int = 'L'
  val FrameWord: Int = 'D'

  /** ERROR codes. */
  val ErrUnknownCommand: Int = 1
  val ErrRxFraming: Int = 2
  val ErrRxOverflow: Int = 3
  val ErrTimeout: Int = 4
  val ErrIndexRange: Int = 5
  val ErrLoadMemory: Int = 6
  val ErrTrainLabel: Int = 7
  val ErrTrainRate: Int = 8
  val ErrTrainLayers: Int = 9
  val ErrReadLayer: Int = 10
  val ErrReadRange: Int = 11

  /** Bytes of a TRAIN frame before its layer count: label, rate exponent, LFSR state. */
  def trainHeadBytes(p: CoreStreamParams): Int = fieldOffset(train(p), "layers")

  /** Bytes of an LFSR state on the link. */
  val LfsrBytes: Int = bytesFor(CoreStreamParams.LfsrWidth)

  /** Payload bytes of a READ frame: layer, address, count. */
  val ReadPayloadBytes: Int = 5

  /** Bit of the RESULT `flags` byte that holds `unique`. */
  val FlagUniqueBit: Int = 0

  /** Bytes of one spike index. */
  def indexBytes(p: CoreStreamParams): Int = bytesFor(p.indexWidth)

  /** Bytes of a BITMAP step. */
  def bitmapBytes(p: CoreStreamParams): Int = (p.inputs + 7) / 8

  def predictionBytes(p: CoreStreamParams): Int = bytesFor(p.predictionWidth)

  def countBytes(p: CoreStreamParams): Int = bytesFor(p.countWidth)

  /** Bytes of one LOAD word (0 without a load port). */
  def loadWordBytes(p: CoreStreamParams): Int = bytesFor(p.loadDataWidth)

  /** Bytes needed for a `width`-bit unsigned field. */
  def bytesFor(width: Int): Int = (width + 7) / 8

  def identify: LinkFrame = LinkFrame("IDENTIFY", CmdIdentify, JList.of(), toHost = false)

  def reset: LinkFrame = LinkFrame("RESET", CmdReset, JList.of(), toHost = false)

  /** SPARSE: `count` then `count` repetitions of `index` (listed with its size). */
  def sparseStep(p: CoreStreamParams): LinkFrame = LinkFrame("SPARSE", CmdSparseStep, JList.of(
    LinkField("count", 2, "number of input spikes in this step, n"),
    LinkField("index", indexBytes(p), "repeated n times: input channel, ascending")), toHost = false)

  def bitmapStep(p: CoreStreamParams): LinkFrame = LinkFrame("BITMAP", CmdBitmapStep, JList.of(
    LinkField("bitmap", bitmapBytes(p), "bit i of byte j is input 8j+i; bits >= inputs are 0")), toHost = false)

  def load(p: CoreStreamParams): LinkFrame = LinkFrame("LOAD", CmdLoad, JList.of(
    LinkField("memory", 1, "load index of the memory (manifest.json memories[].loadIndex)"),
    LinkField("address", 2, "first word address"),
    LinkField("count", 2, "number of words, n"),
    LinkField("word", loadWordBytes(p), "repeated n times: the memory word, zero-extended")), toHost = false)

  /**
   * TRAIN of a learning core, built from its `train` port ([[CoreLearnParams]], as [[CoreTrainCmd]] is): one
   * byte layout for both learning units (so a host needs only the LEARNING frame's `rateExponentWidth`, 0 for
   * the three-factor unit, to fill it), with the fields named after the port each drives. A desire core's
   * state field is `dropoutState`; a three-factor core's is `feedbackState`, and its rate byte must be 0
   * (the unit has no rate register: any other value is ERROR 8).
   */
  def train(p: CoreStreamParams): LinkFrame = {
    // a host's widths from INFO alone (no learning unit's ports) get the desire names: the bytes are the same
    val threeFactor = p.learning.exists(_.threeFactor)
    val rate = if (threeFactor) LinkField("rateExponent", 1, "0: the three-factor unit's rates are constants of the unit")
      else LinkField("rateExponent", 1, "learning-rate exponent s(e): the update of epoch e shifts by s + F - q_l - E_l")
    val state = if (threeFactor) LinkField(trainStateField(threeFactor), LfsrBytes, "LFSR state of the random feedback" +
      " matrix, Lfsr.seeded(seed, RandomFeedback.STREAM), a constant of the network (any value without random feedback)")
      else LinkField(trainStateField(threeFactor), LfsrBytes, "LFSR start state of the sample's dropout masks (docs/learning.md 4.1)")
    val rounding = if (threeFactor) "repeated n times: layer l's rounding LFSR start state, Lfsr.seeded(seed," +
      " UpdateRounding.stream(l, epoch, position)) (docs/learning.md Part II 9)"
      else "repeated n times: layer l's stochastic-rounding LFSR start state (4.2)"
    LinkFrame("TRAIN", CmdTrain, JList.of(
      LinkField("label", predictionBytes(p), "the sample's class, < outputs"),
      rate,
      state,
      LinkField("layers", 1, "number of rounding states that follow, n: the learning unit's layers"),
      LinkField("roundingState", LfsrBytes, rounding)),
      toHost = false)
  }

  /** The name of TRAIN's LFSR state field (and of the `train` port field it drives) for this learning unit. */
  def trainStateField(ln: CoreLearnParams): String = trainStateField(ln.threeFactor)

  private def trainStateField(threeFactor: Boolean): String = if (threeFactor) "feedbackState" else "dropoutState"

  /** Byte offset of field `name` in a frame's payload (fields before it: fixed lengths). */
  def fieldOffset(frame: LinkFrame, name: String): Int = {
    val fields = frame.fields.asScala.toSeq
    val i = fields.indexWhere(_.name == name)
    require(i >= 0, s"${frame.name} has no field $name")
    fields.take(i).map(_.bytes).sum
  }

  def read: LinkFrame = LinkFrame("READ", CmdRead, JList.of(
    LinkField("layer", 1, "layer whose feedforward weight memory is read"),
    LinkField("address", 2, "first word address"),
    LinkField("count", 2, "number of words, n: answered with n WORD frames")), toHost = false)

  def credit: LinkFrame = LinkFrame("CREDIT", FrameCredit, JList.of(), toHost = true)

  /** INFO of the board top around a core with these widths. */
  def info(p: CoreStreamParams): LinkFrame = info(version(p))

  /**
   * INFO of protocol version `version` (what a host knows from INFO's first byte): version 3 adds the
   * learning unit's layer count and the word width of LEARNING and WORD.
   */
  def info(version: Int): LinkFrame = {
    require(knownVersion(version),
      s"link protocol version $version is not $InferenceVersion, $LearningVersion or $PixelsVersion")
    val v2 = Seq(
      LinkField("version", 1, s"protocol version: $InferenceVersion an inference-only core, $LearningVersion a learning core"),
      LinkField("indexWidth", 1, "bits of an input index"),
      LinkField("inputs", 2, "input channels"),
      LinkField("outputs", 2, "output neurons"),
      LinkField("countWidth", 1, "bits of an output count"),
      LinkField("fifoDepth", 2, "receive FIFO bytes: the host's initial credit"),
      LinkField("creditChunk", 2, "bytes returned by one CREDIT frame"),
      LinkField("designId", 4, "identifier chosen at generation (e.g. a build's content hash)"))
    val v3 = Seq(
      LinkField("learnLayers", 1, "version 3: layers of the core's learning unit (rounding states in TRAIN)"),
      LinkField("wordBits", 2, "version 3: bits of a WORD (the load port's word)"))
    val v4 = Seq(
      LinkField("encoder", 1, "version 4: the on-chip encoder of PIXELS frames: 1 rate, 2 latency, 3 poisson"),
      LinkField("minIntensity", 1, "version 4: rate and latency: the smallest intensity coded (encoder min=M)"),
      LinkField("steps", 2, "version 4: time steps T a PIXELS frame is encoded into"))
    val fields = version match {
      case LearningVersion => v2 ++ v3
      case PixelsVersion => v2 ++ v4
      case _ => v2
    }
    LinkFrame("INFO", FrameInfo, fields.asJava, toHost = true)
  }

  /** INFO of the board top around a core with these widths, taking pixels when `pixels` is set. */
  def info(p: CoreStreamParams, pixels: Option[PixelInputParams]): LinkFrame = info(version(p, pixels))

  /** PIXELS (version 4): one sample's intensities, encoded on chip into T steps. */
  def pixels(p: CoreStreamParams, px: PixelInputParams): LinkFrame = LinkFrame("PIXELS", CmdPixels,
    ((if (px.carriesState) Seq(LinkField("state", LfsrBytes,
      "poisson only: the sample's LFSR start state, Lfsr.seeded(seed, sample index)")) else Nil) ++
      Seq(LinkField("pixel", 1, s"repeated inputs (${p.inputs}) times: the input's intensity, 0..255"))).asJava,
    toHost = false)

  /** LEARNING (learning cores only, after INFO): the register width and each layer's weight-memory words. */
  def learning(p: CoreStreamParams): LinkFrame = learning(p.learning
    .getOrElse(throw new IllegalArgumentException("an inference-only core sends no LEARNING frame")).layers)

  /** LEARNING of a learning unit of `layers` layers (what a host knows from INFO's `learnLayers`). */
  def learning(layers: Int): LinkFrame = {
    require(layers >= 1 && layers <= 255, s"layers must be in 1..255, got $layers")
    LinkFrame("LEARNING", FrameLearning, (LinkField("rateExponentWidth", 1, "bits of the learning-rate exponent register") +:
      (0 until layers).map(l => LinkField(s"depth$l", 3, s"words of layer $l's weight memory (READ addresses 0..depth-1)")))
      .asJava, toHost = true)
  }

  /** WORD: one word a READ asked for. */
  def word(p: CoreStreamParams): LinkFrame = word(p.loadDataWidth)

  /** WORD for words of `wordBits` bits (what a host knows from INFO's `wordBits`). */
  def word(wordBits: Int): LinkFrame = {
    require(wordBits >= 1 && wordBits <= 2048, s"wordBits must be in 1..2048, got $wordBits")
    LinkFrame("WORD", FrameWord, JList.of(LinkField("word", bytesFor(wordBits), "the memory word, zero-extended")),
      toHost = true)
  }

  def result(p: CoreStreamParams): LinkFrame = {
    val fields = Seq(
      LinkField("prediction", predictionBytes(p), "predicted class"),
      LinkField("flags", 1, "bit 0: unique (no tie)"),
      LinkField("decisionStep", 2, "steps simulated until the decision")) ++
      (0 until p.outputs).map(k => LinkField(s"count$k", countBytes(p), s"spike count of output $k"))
    LinkFrame("RESULT", FrameResult, fields.asJava, toHost = true)
  }

  def error: LinkFrame = LinkFrame("ERROR", FrameError, JList.of(
    LinkField("code", 1, "1 unknown command, 2 UART framing error, 3 receive FIFO overflow, 4 timeout inside a frame, 5 spike index >= inputs (dropped), 6 LOAD of a memory the core does not have (dropped); version 3: 7 TRAIN label >= outputs, 8 TRAIN rate exponent beyond the register, 9 TRAIN layer count not the unit's, 10 READ of a layer the unit does not learn, 11 READ beyond the layer's words (7-11: the command is dropped)"),
    LinkField("detail", 1, "code 1: the command byte; 5: the index's low byte; 6: the memory number; 7: the label's low byte; 8: the exponent; 9: the count; 10, 11: the layer; otherwise 0")), toHost = true)

  /** Every frame of the protocol of a pixel-input board (version 4), commands first. */
  def frames(p: CoreStreamParams, px: PixelInputParams): JList[LinkFrame] = {
    require(!p.learns, "a pixel-input board top is for a core that only infers")
    val commands = Seq(identify, reset, sparseStep(p), bitmapStep(p), pixels(p, px)) ++
      (if (p.hasLoad) Seq(load(p)) else Nil)
    (commands ++ Seq(credit, info(PixelsVersion), result(p), error)).asJava
  }

  /** Every frame of the protocol, commands first. */
  def frames(p: CoreStreamParams): JList[LinkFrame] = {
    val commands = Seq(identify, reset, sparseStep(p), bitmapStep(p)) ++ (if (p.hasLoad) Seq(load(p)) else Nil) ++
      (if (p.learns) Seq(train(p), read) else Nil)
    val answers = Seq(credit, info(p)) ++ (if (p.learns) Seq(learning(p)) else Nil) ++ Seq(result(p)) ++
      (if (p.learns) Seq(word(p)) else Nil) ++ Seq(error)
    (commands ++ answers).asJava
  }
}
