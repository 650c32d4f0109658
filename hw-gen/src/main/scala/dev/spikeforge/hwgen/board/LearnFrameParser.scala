package dev.spikeforge.hwgen.board

import chisel3._
import chisel3.util._
import scala.jdk.CollectionConverters._

/**
 * A learning core's TRAIN and READ frames (link version 3, [[LinkProtocol]]), read in front of the
 * [[CommandParser]] on the receive FIFO's byte stream. A `T` or `Q` byte that arrives while the parser
 * waits for a command (`parserIdle`) starts a frame this module reads to its end; every other byte
 * passes through to the parser unchanged. So the parser sees exactly the version-2 command stream,
 * and a board whose core only infers (which has no such module) is the version-2 board top, unchanged.
 *
 * TRAIN is checked whole (label, rate exponent, layer count) and becomes one command on the core's
 * `train` port, which the core takes between samples; the byte stream waits for it, so the next
 * sample's beats follow it. READ becomes one `peek` request per word, each issued when the frame
 * emitter can take the word (`wordFree`); the word arrives on the core's `peekData` a clock later and
 * goes straight to the emitter. A bad command is dropped with one ERROR (codes 7–11). A frame that
 * stops in the middle for `timeoutCycles` cycles (0 = never) is dropped with ERROR 4; the core has seen
 * none of it, so unlike the parser's timeout this one does not reset the core.
 *
 * Host twin: `LinkCodec.train`, `LinkCodec.read` and `LinkCodec.decodeCommands`.
 */
class LearnFrameParser(p: CoreStreamParams, ln: CoreLearnParams, timeoutCycles: Long) extends Module {
  require(timeoutCycles >= 0, s"timeoutCycles must be >= 0, got $timeoutCycles")

  /** Bytes from the receive FIFO. */
  val in = IO(Flipped(Decoupled(UInt(8.W))))
  /** Every byte that is not part of a TRAIN or READ frame, to the [[CommandParser]]. */
  val out = IO(Decoupled(UInt(8.W)))
  /** The parser waits for a command byte (`CommandParser.atCommand`). */
  val parserIdle = IO(Input(Bool()))
  val train = IO(Decoupled(new CoreTrainCmd(p, ln)))
  val peek = IO(Decoupled(new CorePeekReq(p)))
  /** The frame emitter can take one more WORD. */
  val wordFree = IO(Input(Bool()))
  val error = IO(Valid(new LinkError))
  /**
   * The core trains on the last TRAIN command (SnnCore's `trainHold`): it reads the command from this
   * module's frame registers, so no TRAIN or READ frame starts (its command byte waits) until it falls.
   */
  val coreHold = IO(Input(Bool()))

  private object State extends ChiselEnum {
    val Pass, TrainHead, TrainLayers, TrainStates, TrainIssue, ReadHead, ReadIssue, ReadWait = Value
  }
  private val state = RegInit(State.Pass)
  private val trainHeadBytes = LinkProtocol.trainHeadBytes(p)
  private val lfsrBytes = LinkProtocol.LfsrBytes
  // payload bytes read so far (TRAIN's rounding states: up to 4 x 255 bytes)
  private val frameBytes = RegInit(0.U(11.W))
  private val trainLayers = RegInit(0.U(8.W))

  error.valid := false.B
  error.bits.code := 0.U
  error.bits.detail := 0.U

  // routing: a command byte at a command boundary starts a frame here; any other byte passes through
  private val isCommand = in.bits === LinkProtocol.CmdTrain.U || in.bits === LinkProtocol.CmdRead.U
  private val atFrame = state === State.Pass && parserIdle && isCommand
  private val takeCommand = atFrame && !coreHold
  private val inFrame = state.isOneOf(State.TrainHead, State.TrainLayers, State.TrainStates, State.ReadHead)
  out.valid := in.valid && state === State.Pass && !(parserIdle && isCommand)
  out.bits := in.bits
  in.ready := Mux(state === State.Pass, takeCommand || (out.ready && !atFrame), inFrame)

  // TRAIN: the head (label, rate, dropout state) and the rounding states, shifted in little-endian; a READ
  // frame's payload (layer, address, count) shifts into the same head register, at its top bytes
  private val headBytes = math.max(trainHeadBytes, LinkProtocol.ReadPayloadBytes)
  private val head = RegInit(0.U((8 * headBytes).W))
  private val states = RegInit(0.U((8 * lfsrBytes * ln.layers).W))
  private val statesBytes = trainLayers * lfsrBytes.U
  private val readHead = head(8 * headBytes - 1, 8 * (headBytes - LinkProtocol.ReadPayloadBytes))

  switch(state) {
    is(State.Pass) {
      when(in.fire && takeCommand) {
        frameBytes := 0.U
        state := Mux(in.bits === LinkProtocol.CmdTrain.U, State.TrainHead, State.ReadHead)
      }
    }
    is(State.TrainHead) {
      when(in.fire) {
        head := Cat(in.bits, head >> 8)
        frameBytes := frameBytes + 1.U
        when(frameBytes === (trainHeadBytes - 1).U) { state := State.TrainLayers }
      }
    }
    is(State.TrainLayers) {
      when(in.fire) {
        trainLayers := in.bits
        frameBytes := 0.U
        state := Mux(in.bits === 0.U, State.TrainIssue, State.TrainStates)
      }
    }
    is(State.TrainStates) {
      when(in.fire) {
        states := Cat(in.bits, states >> 8)
        frameBytes := frameBytes + 1.U
        when(frameBytes === statesBytes - 1.U) { state := State.TrainIssue }
      }
    }
    is(State.ReadHead) {
      when(in.fire) {
        head := Cat(in.bits, head >> 8)
        frameBytes := frameBytes + 1.U
        when(frameBytes === (LinkProtocol.ReadPayloadBytes - 1).U) { state := State.ReadIssue }
      }
    }
  }

  // TRAIN, once the whole frame is in: checked, then one command on the core's train port
  // the head's fields at their offsets in LinkProtocol.train(p), the list the host codec and the docs use
  private val trainFrame = LinkProtocol.train(p)
  private val trainHead = head(8 * headBytes - 1, 8 * (headBytes - trainHeadBytes))
  private def headField(name: String): UInt = {
    val at = LinkProtocol.fieldOffset(trainFrame, name)
    val bytes = trainFrame.fields.get(trainFrame.fields.asScala.indexWhere(_.name == name)).bytes
    trainHead(8 * (at + bytes) - 1, 8 * at)
  }
  private val label = headField("label")
  private val rate = headField("rateExponent")
  private val lfsrState = headField(LinkProtocol.trainStateField(ln))
  train.bits.label := label(p.predictionWidth - 1, 0)
  train.bits.rateExponent.foreach(_ := rate(ln.rateExponentWidth - 1, 0))
  // the frame always carries the state; a core without dropout (random feedback) has no port for it
  train.bits.dropoutState.foreach(_ := lfsrState)
  train.bits.feedbackState.foreach(_ := lfsrState)
  for (rs <- train.bits.roundingStates; l <- 0 until ln.layers) {
    rs(l) := states(CoreStreamParams.LfsrWidth * (l + 1) - 1, CoreStreamParams.LfsrWidth * l)
  }
  private val checked = RegInit(false.B)
  private val badLabel = label >= p.outputs.U
  // a three-factor unit (width 0) takes rate 0 only
  private val badRate = rate >= (1 << ln.rateExponentWidth).U
  private val badLayers = trainLayers =/= ln.layers.U
  train.valid := state === State.TrainIssue && checked
  when(state === State.TrainIssue) {
    when(!checked) {
      when(badLabel || badRate || badLayers) {
        error.valid := true.B
        error.bits.code := Mux(badLabel, LinkProtocol.ErrTrainLabel.U,
          Mux(badRate, LinkProtocol.ErrTrainRate.U, LinkProtocol.ErrTrainLayers.U))
        error.bits.detail := Mux(badLabel, label(7, 0), Mux(badRate, rate, trainLayers))
        state := State.Pass
      }.otherwise { checked := true.B }
    }.elsewhen(train.fire) {
      checked := false.B
      state := State.Pass
    }
  }

  // READ: checked, then one peek per word, each when the emitter can take its word
  private val readLayer = readHead(7, 0)
  // address and words left, below the layer's depth once the range check passed: a three-factor top keeps them as
  // wide as its largest depth needs; the desire top keeps the 17 bits of the build its cost model was fitted on
  private val readWidth =
    if (ln.threeFactor) log2Ceil((0 until ln.layers).map(ln.depth).max + 1) else 17
  private val readAddress = RegInit(0.U(readWidth.W))
  private val readLeft = RegInit(0.U(readWidth.W))
  private val readStarted = RegInit(false.B)
  private val memories = VecInit((0 until ln.layers).map(l => ln.memory(l).U(p.loadMemoryWidth.W)))
  private val depths = VecInit((0 until ln.layers).map(l => ln.depth(l).U(17.W)))
  private val layerIndex = readLayer(math.max(1, log2Ceil(ln.layers)) - 1, 0)
  private val layerOk = readLayer < ln.layers.U
  private val end = readHead(23, 8) +& readHead(39, 24)
  peek.valid := state === State.ReadIssue && readStarted && readLeft =/= 0.U && wordFree
  peek.bits.memory := memories(layerIndex)
  peek.bits.address := readAddress.pad(p.loadAddressWidth)(p.loadAddressWidth - 1, 0)
  when(state === State.ReadIssue) {
    when(!readStarted) {
      when(!layerOk || end > depths(layerIndex)) {
        error.valid := true.B
        error.bits.code := Mux(layerOk, LinkProtocol.ErrReadRange.U, LinkProtocol.ErrReadLayer.U)
        error.bits.detail := readLayer
        state := State.Pass
      }.otherwise {
        readStarted := true.B
        // the 16-bit fields, in readWidth bits: exact, address + count ≤ depth (checked above)
        readAddress := readHead(8 + math.min(readWidth, 16) - 1, 8)
        readLeft := readHead(24 + math.min(readWidth, 16) - 1, 24)
      }
    }.elsewhen(readLeft === 0.U) {
      readStarted := false.B
      state := State.Pass
    }.elsewhen(peek.fire) {
      readAddress := readAddress + 1.U
      readLeft := readLeft - 1.U
      state := State.ReadWait
    }
  }
  // the word arrives on peekData now and enters the emitter; wordFree falls with it
  when(state === State.ReadWait) { state := State.ReadIssue }

  // Timeout inside a frame: waiting for a byte that does not come.
  if (timeoutCycles > 0) {
    val idle = RegInit(0.U(log2Ceil(timeoutCycles + 1).W))
    val starved = inFrame && !in.valid
    idle := Mux(starved, idle + 1.U, 0.U)
    when(starved && idle === (timeoutCycles - 1).U) {
      state := State.Pass
      idle := 0.U
      error.valid := true.B
      error.bits.code := LinkProtocol.ErrTimeout.U
      error.bits.detail := 0.U
    }
  }
}
