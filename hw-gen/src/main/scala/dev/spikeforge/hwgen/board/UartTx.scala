package dev.spikeforge.hwgen.board

import chisel3._
import chisel3.util._

/**
 * 8N1 transmitter. A byte accepted on `in` in cycle c is sent as a start bit (0), the eight data
 * bits least significant first and a stop bit (1); `txd` shows bit k (k = 0 start .. 9 stop) from
 * cycle c + 1 + k * divisor for exactly `divisor` cycles. The next byte is accepted in the last cycle
 * of the stop bit, so back-to-back bytes leave no idle time between frames. `txd` idles high.
 *
 * Host twin: `UartLine.encode` produces exactly this waveform (tested cycle for cycle).
 */
class UartTx(divisor: Int) extends Module {
  require(divisor >= UartTiming.MinDivisor && divisor <= UartTiming.MaxDivisor, s"divisor $divisor out of range")

  val in = IO(Flipped(Decoupled(UInt(8.W))))
  val txd = IO(Output(Bool()))

  private val frameBits = 10
  // shift holds the bits still to send, LSB first; bit 0 drives the line
  private val shift = RegInit(((1 << frameBits) - 1).U(frameBits.W))
  private val bitsLeft = RegInit(0.U(log2Ceil(frameBits + 1).W))
  private val cycle = RegInit(0.U(log2Ceil(divisor).W))

  private val busy = bitsLeft =/= 0.U
  private val bitDone = cycle === (divisor - 1).U
  private val lastCycle = bitsLeft === 1.U && bitDone

  in.ready := !busy || lastCycle
  txd := shift(0)

  when(in.fire) {
    shift := Cat(1.U(1.W), in.bits, 0.U(1.W))
    bitsLeft := frameBits.U
    cycle := 0.U
  }.elsewhen(busy) {
    when(bitDone) {
      cycle := 0.U
      bitsLeft := bitsLeft - 1.U
      shift := Cat(1.U(1.W), shift(frameBits - 1, 1))
    }.otherwise {
      cycle := cycle + 1.U
    }
  }
}
