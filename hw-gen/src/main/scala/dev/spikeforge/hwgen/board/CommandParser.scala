package dev.spikeforge.hwgen.board

import chisel3._
import chisel3.util._

/** An error to report to the host in an ERROR frame. */
class LinkError extends Bundle {
  val code = UInt(8.W)
  val detail = UInt(8.W)
}

/**
 * Reads host commands ([[LinkProtocol]]) from the receive FIFO and turns SPARSE and BITMAP steps
 * into the core's input beats: one beat per spike, ascending as sent, then an end-of-step beat.
 * IDENTIFY and RESET become one-cycle requests; an unknown command byte becomes an ERROR (code 1)
 * and is skipped; a SPARSE index that is not an input channel (>= inputs) is dropped and reported
 * (ERROR code 5).
 *
 * If a frame stops in the middle for `timeoutCycles` cycles (0 = never), the parser drops it,
 * reports ERROR code 4 and requests a core reset (the core has seen part of a step), so a host that
 * died mid-frame cannot leave the board out of step with the next one.
 *
 * A learning core's TRAIN and READ frames never reach this parser: [[LearnFrameParser]], in front of
 * it, takes them when their command byte arrives while this parser waits for a command (`atCommand`).
 *
 * Host twin: `LinkCodec.encodeStep` / `LinkCodec.decodeCommands` (the latter replays exactly this
 * state machine on bytes).
 */
class CommandParser(p: CoreStreamParams, timeoutCycles: Long, pixelTop: Boolean = false) extends Module {
  require(timeoutCycles >= 0, s"timeoutCycles must be >= 0, got $timeoutCycles")

  val bytes = IO(Flipped(Decoupled(UInt(8.W))))
  val core = IO(Decoupled(new CoreInBeat(p)))
  val identify = IO(Output(Bool()))
  val resetCore = IO(Output(Bool()))
  val error = IO(Valid(new LinkError))
  /** The core's load port (LOAD frames), when it has one. */
  val load = if (p.hasLoad) Some(IO(Decoupled(new CoreLoadBeat(p)))) else None
  /**
   * Learning cores and pixel-input tops (`pixelTop`): the parser waits for a command byte (what
   * [[LearnFrameParser]] and [[PixelFrameParser]] route on).
   */
  val atCommand = if (p.learns || pixelTop) Some(IO(Output(Bool()))) else None

  private val indexBytes = LinkProtocol.indexBytes(p)
  private val bitmapBytes = LinkProtocol.bitmapBytes(p)

  private object State extends ChiselEnum {
    val Idle, CountLo, CountHi, IndexByte, Spike, BitmapByte, BitmapScan, EndOfStep,
      LoadMemory, LoadAddrLo, LoadAddrHi, LoadCountLo, LoadCountHi, LoadByte, LoadWord = Value
  }
  private val state = RegInit(State.Idle)
  private val remaining = RegInit(0.U(16.W)) // SPARSE: spikes still to read
  require(indexBytes == 1 || indexBytes == 2, "indices of 1 or 2 bytes")
  // 2-byte indices only: which byte comes next (0 = low) and the low byte once read
  private val secondByte = if (indexBytes == 2) Some(RegInit(false.B)) else None
  private val lowByte = if (indexBytes == 2) Some(RegInit(0.U(8.W))) else None
  private val index = RegInit(0.U(p.indexWidth.W))
  private val countLo = RegInit(0.U(8.W))
  private val mapByteIndex = RegInit(0.U(log2Ceil(bitmapBytes + 1).W))
  private val mapByte = RegInit(0.U(8.W))
  private val mapBit = RegInit(0.U(3.W))

  identify := false.B
  resetCore := false.B
  error.valid := false.B
  error.bits.code := 0.U
  error.bits.detail := 0.U

  private val waitingForByte = state.isOneOf(State.Idle, State.CountLo, State.CountHi, State.IndexByte, State.BitmapByte,
    State.LoadMemory, State.LoadAddrLo, State.LoadAddrHi, State.LoadCountLo, State.LoadCountHi, State.LoadByte)
  bytes.ready := waitingForByte
  atCommand.foreach(_ := state === State.Idle)

  // The bitmap bit under scan and the channel it stands for.
  private val scanChannel = Cat(mapByteIndex, mapBit)
  private val scanHit = VecInit(mapByte.asBools)(mapBit) && CommandParser.lessThan(scanChannel, p.inputs)

  core.valid := state === State.Spike || state === State.EndOfStep || (state === State.BitmapScan && scanHit)
  core.bits.endOfStep := state === State.EndOfStep
  core.bits.index := Mux(state === State.BitmapScan, scanChannel.pad(p.indexWidth)(p.indexWidth - 1, 0),
    Mux(state === State.Spike, index, 0.U))

  /** Goes on to the next spike, or ends the step when `done` (no spike left). */
  private def nextSpikeOrEnd(done: Bool): Unit = {
    when(done) {
      state := State.EndOfStep
    }.otherwise {
      state := State.IndexByte
      secondByte.foreach(_ := false.B)
    }
  }

  switch(state) {
    is(State.Idle) {
      when(bytes.fire) {
        switch(bytes.bits) {
          is(LinkProtocol.CmdIdentify.U) { identify := true.B }
          is(LinkProtocol.CmdReset.U) { resetCore := true.B }
          is(LinkProtocol.CmdSparseStep.U) { state := State.CountLo }
          is(LinkProtocol.CmdBitmapStep.U) {
            state := State.BitmapByte
            mapByteIndex := 0.U
          }
        }
        if (p.hasLoad) { when(bytes.bits === LinkProtocol.CmdLoad.U) { state := State.LoadMemory } }
        val known = (Seq(LinkProtocol.CmdIdentify, LinkProtocol.CmdReset, LinkProtocol.CmdSparseStep,
          LinkProtocol.CmdBitmapStep) ++ (if (p.hasLoad) Seq(LinkProtocol.CmdLoad) else Nil))
          .map(c => bytes.bits === c.U).reduce(_ || _)
        when(!known) {
          error.valid := true.B
          error.bits.code := LinkProtocol.ErrUnknownCommand.U
          error.bits.detail := bytes.bits
        }
      }
    }
    is(State.CountLo) {
      when(bytes.fire) {
        countLo := bytes.bits
        state := State.CountHi
      }
    }
    is(State.CountHi) {
      when(bytes.fire) {
        val count = Cat(bytes.bits, countLo)
        remaining := count
        nextSpikeOrEnd(count === 0.U)
      }
    }
    is(State.IndexByte) {
      when(bytes.fire) {
        val last = secondByte.getOrElse(true.B)
        // little-endian: the first byte is the low one
        val value = lowByte.map(low => Cat(bytes.bits, low)).getOrElse(bytes.bits)
        lowByte.foreach(_ := bytes.bits)
        secondByte.foreach(b => b := !b)
        when(last) {
          index := value(p.indexWidth - 1, 0)
          when(CommandParser.lessThan(value, p.inputs)) {
            state := State.Spike
          }.otherwise {
            // not an input channel: dropped and reported
            error.valid := true.B
            error.bits.code := LinkProtocol.ErrIndexRange.U
            error.bits.detail := value(7, 0)
            remaining := remaining - 1.U
            nextSpikeOrEnd(remaining === 1.U)
          }
        }
      }
    }
    is(State.Spike) {
      when(core.fire) {
        remaining := remaining - 1.U
        nextSpikeOrEnd(remaining === 1.U)
      }
    }
    is(State.BitmapByte) {
      when(bytes.fire) {
        mapByte := bytes.bits
        mapBit := 0.U
        state := State.BitmapScan
      }
    }
    is(State.BitmapScan) {
      when(!scanHit || core.fire) {
        mapBit := mapBit + 1.U
        when(mapBit === 7.U) {
          mapByteIndex := mapByteIndex + 1.U
          state := Mux(mapByteIndex === (bitmapBytes - 1).U, State.EndOfStep, State.BitmapByte)
        }
      }
    }
    is(State.EndOfStep) {
      when(core.fire) {
        state := State.Idle
      }
    }
  }

  // LOAD: memory, address, count, then count words, each presented to the core's load port
  // (one burst: `last` on the frame's final word).
  load match {
    case None =>
    case Some(ld) =>
      val wordBytes = LinkProtocol.loadWordBytes(p)
      // the memory number: a learning or pixel-input top (linted by Verilator -Wall in their tests) keeps only
      // the bits the port uses; the version-2 top keeps its byte, unchanged (synthesis drops the unused bits
      // either way)
      val memoryBits = if (p.learns || pixelTop) p.loadMemoryWidth else 8
      val memory = RegInit(0.U(memoryBits.W))
      val addrLo = RegInit(0.U(8.W))
      val addressBits = if (pixelTop) p.loadAddressWidth else 16 // likewise
      val address = RegInit(0.U(addressBits.W))
      val loadLeft = RegInit(0.U(16.W))
      val dropping = RegInit(false.B)
      val byteIndex = RegInit(0.U(log2Ceil(wordBytes + 1).W))
      val word = RegInit(0.U((8 * wordBytes).W))
      ld.valid := state === State.LoadWord && !dropping
      ld.bits.memory := memory(p.loadMemoryWidth - 1, 0)
      ld.bits.address := address(p.loadAddressWidth - 1, 0)
      ld.bits.data := word(p.loadDataWidth - 1, 0)
      ld.bits.last := loadLeft === 1.U
      /** Goes on to the next word, or back to Idle when `done` (no word left). */
      def nextWordOrIdle(done: Bool): Unit = {
        when(done) { state := State.Idle }.otherwise {
          state := State.LoadByte
          byteIndex := 0.U
        }
      }
      switch(state) {
        is(State.LoadMemory) {
          when(bytes.fire) {
            memory := bytes.bits(memoryBits - 1, 0)
            val bad = bytes.bits >= p.loadMemories.U
            dropping := bad
            when(bad) {
              error.valid := true.B
              error.bits.code := LinkProtocol.ErrLoadMemory.U
              error.bits.detail := bytes.bits
            }
            state := State.LoadAddrLo
          }
        }
        is(State.LoadAddrLo) { when(bytes.fire) { addrLo := bytes.bits; state := State.LoadAddrHi } }
        is(State.LoadAddrHi) { when(bytes.fire) { address := Cat(bytes.bits, addrLo)(addressBits - 1, 0); state := State.LoadCountLo } }
        is(State.LoadCountLo) { when(bytes.fire) { countLo := bytes.bits; state := State.LoadCountHi } }
        is(State.LoadCountHi) {
          when(bytes.fire) {
            val count = Cat(bytes.bits, countLo)
            loadLeft := count
            nextWordOrIdle(count === 0.U)
          }
        }
        is(State.LoadByte) {
          when(bytes.fire) {
            // little-endian: the first byte ends up least significant
            word := (if (wordBytes == 1) bytes.bits else Cat(bytes.bits, word(8 * wordBytes - 1, 8)))
            byteIndex := byteIndex + 1.U
            when(byteIndex === (wordBytes - 1).U) { state := State.LoadWord }
          }
        }
        is(State.LoadWord) {
          when(ld.fire || dropping) {
            loadLeft := loadLeft - 1.U
            address := address + 1.U
            nextWordOrIdle(loadLeft === 1.U)
          }
        }
      }
  }

  // Timeout inside a frame: waiting for a byte that does not come.
  if (timeoutCycles > 0) {
    val idle = RegInit(0.U(log2Ceil(timeoutCycles + 1).W))
    val starved = waitingForByte && state =/= State.Idle && !bytes.valid
    idle := Mux(starved, idle + 1.U, 0.U)
    when(starved && idle === (timeoutCycles - 1).U) {
      state := State.Idle
      idle := 0.U
      resetCore := true.B
      error.valid := true.B
      error.bits.code := LinkProtocol.ErrTimeout.U
      error.bits.detail := 0.U
    }
  }
}

object CommandParser {
  /**
   * `value < bound` for a constant bound as plain logic, most significant bit first: Yosys maps a `<` to a carry
   * chain, which on the iCE40 put the index check of a SPARSE step on the board top's critical path.
   */
  def lessThan(value: UInt, bound: BigInt): Bool = {
    require(bound >= 0, s"bound must be >= 0, got $bound")
    val w = value.getWidth
    if (bound >= (BigInt(1) << w)) true.B
    else (0 until w).foldLeft(false.B) { (lowerLess, i) =>
      // lowerLess: value's bits below i are less than bound's
      if (bound.testBit(i)) !value(i) || lowerLess else !value(i) && lowerLess
    }
  }
}
