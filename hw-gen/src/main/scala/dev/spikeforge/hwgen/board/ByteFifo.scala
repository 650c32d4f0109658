package dev.spikeforge.hwgen.board

import chisel3._
import chisel3.util._

/**
 * First-in first-out byte buffer in a synchronous-read memory, so that Yosys maps it to iCE40 block
 * RAM (one SB_RAM40_4K holds 512 bytes) instead of flip-flops. `depth` must be a power of two; the
 * FIFO holds `depth` bytes in memory plus one in its output register.
 *
 * `enq` is ready whenever the memory has room. `deq` presents the oldest byte from a register; a
 * byte written into an empty FIFO appears on `deq` 2 cycles later, and after a pop the next byte
 * appears after 2 cycles as well (one read per two cycles: ample for a serial link).
 */
class ByteFifo(depth: Int) extends Module {
  require(depth >= 2 && isPow2(depth), s"FIFO depth must be a power of two >= 2, got $depth")

  val enq = IO(Flipped(Decoupled(UInt(8.W))))
  val deq = IO(Decoupled(UInt(8.W)))
  /** Bytes in the FIFO, including the one in the output register. */
  val count = IO(Output(UInt(log2Ceil(depth + 2).W)))

  private val ptrWidth = log2Ceil(depth) + 1
  private val mem = SyncReadMem(depth, UInt(8.W))
  private val writePtr = RegInit(0.U(ptrWidth.W))
  private val readPtr = RegInit(0.U(ptrWidth.W))
  private val inMemory = writePtr - readPtr

  private val outValid = RegInit(false.B)
  // no reset: Yosys then merges this register into the block RAM's read port without a soft-reset LUT behind
  // RDATA (that LUT was on the board's critical path); `deq.bits` counts only while `deq.valid`
  private val outData = Reg(UInt(8.W))
  private val readPending = RegInit(false.B)

  enq.ready := inMemory =/= depth.U
  when(enq.fire) {
    mem.write(writePtr(ptrWidth - 2, 0), enq.bits)
    writePtr := writePtr + 1.U
  }

  // Issue a read when there is data, no read in flight, and the output register is free now or
  // is being emptied this cycle.
  private val issue = inMemory =/= 0.U && !readPending && (!outValid || deq.ready)
  private val readData = mem.read(readPtr(ptrWidth - 2, 0), issue)
  when(issue) { readPtr := readPtr + 1.U }
  readPending := issue

  deq.valid := outValid
  deq.bits := outData
  when(readPending) {
    outValid := true.B
    outData := readData
  }.elsewhen(deq.fire) {
    outValid := false.B
  }

  count := inMemory +& outValid.asUInt +& readPending.asUInt
}
