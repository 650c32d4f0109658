package dev.spikeforge.hwgen.board

import chisel3._
import chisel3.util._
import scala.jdk.CollectionConverters._

/**
 * Sends board-to-host frames ([[LinkProtocol]]) byte by byte to the transmitter: CREDIT frames for
 * returned FIFO space, ERROR, INFO (after IDENTIFY) and RESULT (one per core `out` beat), in that
 * order of priority, each followed by its checksum byte. A learning core's board (link version 3)
 * also sends LEARNING right after INFO and WORD (a weight word a READ asked for: `word`, one at a
 * time, `wordFree` when it can take the next), both before RESULT. Requests that arrive while a frame is being
 * sent are remembered: credits are counted, the latest error and an INFO request are kept, and the
 * core's result waits on `result.ready`.
 *
 * Every frame's bytes are built from the field lists of [[LinkProtocol]]; elaboration fails if a
 * listed field has no value here. Host twin: `LinkCodec` / `FrameDecoder`.
 */
class FrameEmitter(p: CoreStreamParams, fifoDepth: Int, creditChunk: Int, designId: Long,
    pixels: Option[PixelInputParams] = None) extends Module {
  require(designId >= 0 && designId <= 0xFFFFFFFFL, s"designId must fit in 32 bits, got $designId")

  val credit = IO(Input(Bool()))
  val error = IO(Flipped(Valid(new LinkError)))
  val identify = IO(Input(Bool()))
  val result = IO(Flipped(Decoupled(new CoreResult(p))))
  val tx = IO(Decoupled(UInt(8.W)))
  /** A learning core's weight word to send as a WORD frame (taken only while `wordFree`). */
  val word = p.learning.map(_ => IO(Flipped(Valid(UInt(p.loadDataWidth.W)))))
  val wordFree = p.learning.map(_ => IO(Output(Bool())))

  private val maxCredits = fifoDepth / creditChunk + 2
  private val pendingCredits = RegInit(0.U(log2Ceil(maxCredits + 1).W))
  private val errorPending = RegInit(false.B)
  private val errorReg = RegInit(0.U.asTypeOf(new LinkError)) // latest error not yet sent
  private val errorSend = RegInit(0.U.asTypeOf(new LinkError)) // the error being sent
  private val infoPending = RegInit(false.B)
  private val resultReg = Reg(new CoreResult(p))

  // the frame being sent: its index in `all` below
  private val (kindCredit, kindError, kindInfo, kindResult, kindLearning, kindWord) = (0, 1, 2, 3, 4, 5)
  private val kinds = if (p.learns) 6 else 4
  private val sending = RegInit(false.B)
  private val kind = RegInit(kindCredit.U(log2Ceil(kinds).W))
  private val byteIndex = RegInit(0.U(16.W))
  private val sum = RegInit(0.U(8.W))

  /** A field's bytes, least significant first. */
  private def le(value: UInt, bytes: Int): Seq[UInt] = {
    val padded = value.pad(bytes * 8)
    (0 until bytes).map(i => padded(8 * i + 7, 8 * i))
  }

  private def frameBytes(frame: LinkFrame, values: Map[String, UInt]): Seq[UInt] = {
    val fields = frame.fields.asScala.toSeq
    val unknown = fields.map(_.name).filterNot(values.contains)
    require(unknown.isEmpty, s"${frame.name} frame: no hardware value for field(s) ${unknown.mkString(", ")}")
    require(values.keySet == fields.map(_.name).toSet, s"${frame.name} frame: values for unlisted fields")
    frame.code.U(8.W) +: fields.flatMap(f => le(values(f.name), f.bytes))
  }

  private def const(v: Long): UInt = v.U

  private val creditBytes = frameBytes(LinkProtocol.credit, Map())
  private val errorBytes = frameBytes(LinkProtocol.error, Map("code" -> errorSend.code, "detail" -> errorSend.detail))
  private val infoBytes = frameBytes(LinkProtocol.info(p, pixels), Map(
    "version" -> const(LinkProtocol.version(p, pixels)),
    "indexWidth" -> const(p.indexWidth),
    "inputs" -> const(p.inputs),
    "outputs" -> const(p.outputs),
    "countWidth" -> const(p.countWidth),
    "fifoDepth" -> const(fifoDepth),
    "creditChunk" -> const(creditChunk),
    "designId" -> const(designId)) ++
    (if (p.learns) Map("learnLayers" -> const(p.learnLayers), "wordBits" -> const(p.loadDataWidth)) else Map()) ++
    pixels.map(px => Map("encoder" -> const(px.code), "minIntensity" -> const(px.encoder.minIntensity),
      "steps" -> const(px.steps))).getOrElse(Map()))
  private val resultBytes = frameBytes(LinkProtocol.result(p), Map(
    "prediction" -> resultReg.prediction,
    "flags" -> (resultReg.unique.asUInt << LinkProtocol.FlagUniqueBit),
    "decisionStep" -> resultReg.decisionStep) ++
    (0 until p.outputs).map(k => s"count$k" -> resultReg.counts(k)))

  // a learning core: LEARNING (after INFO) and WORD
  private val learningPending = p.learning.map(_ => RegInit(false.B))
  private val wordPending = p.learning.map(_ => RegInit(false.B))
  private val wordReg = p.learning.map(_ => RegInit(0.U(p.loadDataWidth.W)))
  private val learningFrames = p.learning.toSeq.flatMap(ln => Seq(
    frameBytes(LinkProtocol.learning(p), Map("rateExponentWidth" -> const(ln.rateExponentWidth)) ++
      (0 until ln.layers).map(l => s"depth$l" -> const(ln.depth(l)))),
    frameBytes(LinkProtocol.word(p), Map("word" -> wordReg.get))))

  private val all = Seq(creditBytes, errorBytes, infoBytes, resultBytes) ++ learningFrames // in kind order
  // one spare entry: the index reaches a frame's length while its checksum is sent
  private val longest = all.map(_.length).max + 1
  private val table = VecInit(all.map(b => VecInit(b ++ Seq.fill(longest - b.length)(0.U(8.W)))))
  private val lengths = VecInit(all.map(b => b.length.U(16.W)))

  private val inChecksum = byteIndex === lengths(kind)
  private val indexBits = math.max(1, log2Ceil(longest))
  private val dataByte = table(kind)(byteIndex(indexBits - 1, 0))
  tx.valid := sending
  tx.bits := Mux(inChecksum, 0.U - sum, dataByte)

  // Requests
  private val creditTaken = WireDefault(false.B)
  pendingCredits := pendingCredits + credit.asUInt - creditTaken.asUInt
  when(identify) { infoPending := true.B }
  learningPending.foreach(l => when(identify) { l := true.B })
  for (w <- word; f <- wordFree; pending <- wordPending; r <- wordReg) {
    f := !pending
    when(w.valid && !pending) {
      pending := true.B
      r := w.bits
    }
  }

  result.ready := false.B
  when(!sending) {
    sum := 0.U
    byteIndex := 0.U
    val toInfo = when(pendingCredits =/= 0.U) {
      sending := true.B
      kind := kindCredit.U
      creditTaken := true.B
    }.elsewhen(errorPending) {
      sending := true.B
      kind := kindError.U
      errorPending := false.B
      errorSend := errorReg
    }.elsewhen(infoPending) {
      sending := true.B
      kind := kindInfo.U
      infoPending := identify
    }
    // a learning core: LEARNING, then WORD, before the next RESULT
    val toWord = (learningPending, wordPending) match {
      case (Some(learning), Some(word)) =>
        toInfo.elsewhen(learning) {
          sending := true.B
          kind := kindLearning.U
          learning := identify
        }.elsewhen(word) {
          sending := true.B
          kind := kindWord.U
        }
      case _ => toInfo
    }
    toWord.otherwise {
      result.ready := true.B
      when(result.valid) {
        sending := true.B
        kind := kindResult.U
        resultReg := result.bits
      }
    }
  }.elsewhen(tx.fire) {
    sum := sum + tx.bits
    byteIndex := byteIndex + 1.U
    when(inChecksum) {
      sending := false.B
      wordPending.foreach(w => when(kind === kindWord.U) { w := false.B })
    }
  }
  // after the start logic, so that an error arriving as another is taken stays pending
  when(error.valid) {
    errorPending := true.B
    errorReg := error.bits
  }
}
