package dev.spikeforge.hwgen

import chisel3._
import chisel3.util._

/**
 * One entry of a spike event list: the spike bits of one word of presynaptic neurons (the neurons
 * `index · maskWidth + b` for each set bit b), or, with `last` set, the end of the list (mask 0).
 * A layer writes one entry per neuron group that fired; the input packer one per input word.
 */
class SpikeEntry(val indexWidth: Int, val maskWidth: Int) extends Bundle {
  val index = UInt(indexWidth.W)
  val mask = UInt(maskWidth.W)
  val last = Bool()
}

/**
 * What a layer's synapse pipeline consumes per weight row: `src` is a presynaptic index (EVENT
 * mode) or a chunk index (CHUNK mode, with the chunk's spike bits in `mask`); `last` ends the list.
 */
class SynapseEvent(val srcWidth: Int, val maskWidth: Int) extends Bundle {
  val src = UInt(srcWidth.W)
  val mask = UInt(maskWidth.W)
  val last = Bool()
}

/**
 * Turns list entries into synapse events. EVENT mode: one event per set bit, lowest first, with
 * src = index · edgeWidth + bit (one event per clock, entries refilled without a bubble). CHUNK
 * mode: each entry is one event (src = index, mask = the entry's bits).
 */
class EventExtractor(chunk: Boolean, edgeWidth: Int, indexWidth: Int, srcWidth: Int, maskWidth: Int, entries: Int)
    extends Module {
  val io = IO(new Bundle {
    val in = Flipped(Decoupled(new SpikeEntry(indexWidth, edgeWidth)))
    val out = Decoupled(new SynapseEvent(srcWidth, maskWidth))
  })
  if (chunk) {
    require(maskWidth >= edgeWidth)
    io.out.valid := io.in.valid
    io.out.bits.src := io.in.bits.index
    io.out.bits.mask := io.in.bits.mask
    io.out.bits.last := io.in.bits.last
    io.in.ready := io.out.ready
  } else {
    // With a single entry (all presynaptic neurons in one word) the index is always 0 and not kept.
    val curIndex = if (entries > 1) Some(Reg(UInt(indexWidth.W))) else None
    val curMask = Reg(UInt(edgeWidth.W))
    val curLast = Reg(Bool())
    val curValid = RegInit(false.B)
    val low = PriorityEncoder(curMask)
    val rest = curMask & (curMask - 1.U)
    val finishing = io.out.fire && (curLast || rest === 0.U)
    io.out.valid := curValid
    io.out.bits.src := HwLayout.fit(curIndex.map(_ * edgeWidth.U + low).getOrElse(low), srcWidth)
    io.out.bits.mask := 1.U
    io.out.bits.last := curLast
    io.in.ready := !curValid || finishing
    when(io.in.fire) {
      curIndex.foreach(_ := io.in.bits.index)
      curMask := io.in.bits.mask
      curLast := io.in.bits.last
      curValid := true.B
    }.elsewhen(finishing) {
      curValid := false.B
    }.elsewhen(io.out.fire) {
      curMask := rest
    }
  }
}

/**
 * Packs the input stream's beats (ascending spike indices of one step, then endOfStep) into event
 * list entries of `wordWidth` bits: consecutive indices in the same word share one entry; the
 * endOfStep beat becomes the end-of-list entry and is consumed last. Beats with an index outside
 * 0..inputSize−1 are dropped. Active only while `active` is high.
 */
class InputPacker(inputSize: Int, indexWidth: Int, wordWidth: Int) extends Module {
  private val wordBits = log2Ceil(wordWidth)
  private val words = (inputSize + wordWidth - 1) / wordWidth
  val entryIndexWidth: Int = math.max(1, log2Ceil(words))
  val io = IO(new Bundle {
    val active = Input(Bool())
    val in = Flipped(Decoupled(new PackerBeat(indexWidth)))
    val out = Decoupled(new SpikeEntry(entryIndexWidth, wordWidth))
    /** High in the clock an endOfStep beat is consumed. */
    val endOfStep = Output(Bool())
  })
  val curValid = RegInit(false.B)
  val curWord = Reg(UInt(entryIndexWidth.W))
  val curMask = Reg(UInt(wordWidth.W))

  private val beat = io.in.bits
  private val beatWord = if (wordBits == 0) beat.index else beat.index >> wordBits
  private val beatBit = if (wordBits == 0) 1.U(wordWidth.W) else UIntToOH(beat.index(wordBits - 1, 0), wordWidth)
  // decided before the core's input queue ([[InputPacker.tag]]): while curValid, curWord is the word of the last
  // in-range spike beat, which is the one the tag compared with (beats out of range leave curWord alone)
  private val inRange = beat.inRange
  private val sameWord = curValid && beat.sameWordAsLast

  io.out.valid := false.B
  io.out.bits.index := curWord
  io.out.bits.mask := curMask
  io.out.bits.last := false.B
  io.in.ready := false.B
  io.endOfStep := false.B

  when(io.active && io.in.valid) {
    when(beat.endOfStep) {
      when(curValid) {
        io.out.valid := true.B
        when(io.out.ready) { curValid := false.B }
      }.otherwise {
        io.out.valid := true.B
        io.out.bits.mask := 0.U
        io.out.bits.last := true.B
        io.in.ready := io.out.ready
        io.endOfStep := io.out.ready
      }
    }.elsewhen(!inRange) {
      io.in.ready := true.B
    }.elsewhen(!curValid || sameWord) {
      io.in.ready := true.B
      curValid := true.B
      curWord := beatWord
      curMask := Mux(sameWord, curMask | beatBit, beatBit)
    }.otherwise {
      io.out.valid := true.B
      when(io.out.ready) {
        io.in.ready := true.B
        curWord := beatWord
        curMask := beatBit
      }
    }
  }
}

/** One beat of the core's input stream. */
class InBeat(indexWidth: Int) extends Bundle {
  val index = UInt(indexWidth.W)
  val endOfStep = Bool()
}

/** An input beat with the [[InputPacker]]'s two comparisons made before the core's input queue ([[InputPacker.tag]]). */
class PackerBeat(indexWidth: Int) extends InBeat(indexWidth) {
  /** `index` is an input channel (0 .. inputSize − 1). */
  val inRange = Bool()
  /** `index` is in the word of the last in-range spike beat before this one (any beat, as the stream sent them). */
  val sameWordAsLast = Bool()
}

object InputPacker {
  /**
   * The beats of `in` with the packer's comparisons (`inRange`, `sameWordAsLast`) made as they arrive, so that they
   * pass the core's input queue as flags: the packer's accept decision, which runs back through the queue's
   * pointers, then starts from registers (on the UP5K the index comparisons were on that loop, the core's
   * critical path). The packer's choices are unchanged: `sameWordAsLast` only counts while it holds a word,
   * which is then the word of the last in-range spike beat before the one it looks at.
   */
  def tag(in: DecoupledIO[InBeat], inputSize: Int, wordWidth: Int): DecoupledIO[PackerBeat] = {
    val wordBits = log2Ceil(wordWidth)
    val indexWidth = in.bits.index.getWidth
    val out = Wire(Decoupled(new PackerBeat(indexWidth)))
    val word = in.bits.index >> wordBits
    val lastWord = RegInit(0.U(math.max(1, indexWidth - wordBits).W))
    out.valid := in.valid
    in.ready := out.ready
    out.bits.index := in.bits.index
    out.bits.endOfStep := in.bits.endOfStep
    out.bits.inRange := in.bits.index < inputSize.U
    out.bits.sameWordAsLast := word === lastWord
    when(in.fire && !in.bits.endOfStep && out.bits.inRange) { lastWord := word }
    out
  }
}
