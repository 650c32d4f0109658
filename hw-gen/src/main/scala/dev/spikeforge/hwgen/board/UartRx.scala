package dev.spikeforge.hwgen.board

import chisel3._
import chisel3.util._

/**
 * 8N1 receiver. `rxd` passes a two-flip-flop synchronizer; a falling edge starts a frame, the start
 * bit is confirmed at its midpoint (divisor / 2 cycles later; a shorter glitch is ignored) and every
 * following bit is sampled once, `divisor` cycles after the previous sample. After the stop-bit sample
 * the byte appears on `out` for one cycle if the stop bit is 1; otherwise `frameError` pulses instead
 * and the receiver waits for the line to return high before looking for the next start bit.
 *
 * There is no back-pressure: the consumer (a FIFO) must take the byte in the cycle it is offered.
 * Host twin: `UartLine.encode` drives this receiver in the twin tests, at the exact divisor and with
 * the bit period stretched or shrunk by up to 3 %.
 */
class UartRx(divisor: Int) extends Module {
  require(divisor >= UartTiming.MinDivisor && divisor <= UartTiming.MaxDivisor, s"divisor $divisor out of range")

  val rxd = IO(Input(Bool()))
  val out = IO(Valid(UInt(8.W)))
  val frameError = IO(Output(Bool()))

  private val sync = RegNext(RegNext(rxd, true.B), true.B)

  private object State extends ChiselEnum {
    val Idle, Start, Data, Stop, Break = Value
  }
  private val state = RegInit(State.Idle)
  private val cycle = RegInit(0.U(log2Ceil(divisor).W))
  private val bitIndex = RegInit(0.U(3.W))
  private val data = RegInit(0.U(8.W))
  private val valid = RegInit(false.B)
  private val error = RegInit(false.B)

  out.valid := valid
  out.bits := data
  frameError := error
  valid := false.B
  error := false.B

  private val halfBit = (divisor / 2 - 1).U
  private val fullBit = (divisor - 1).U

  switch(state) {
    is(State.Idle) {
      when(!sync) {
        state := State.Start
        cycle := 0.U
      }
    }
    is(State.Start) {
      when(cycle === halfBit) {
        cycle := 0.U
        when(sync) {
          state := State.Idle // glitch, not a start bit
        }.otherwise {
          state := State.Data
          bitIndex := 0.U
        }
      }.otherwise {
        cycle := cycle + 1.U
      }
    }
    is(State.Data) {
      when(cycle === fullBit) {
        cycle := 0.U
        data := Cat(sync, data(7, 1))
        bitIndex := bitIndex + 1.U
        when(bitIndex === 7.U) {
          state := State.Stop
        }
      }.otherwise {
        cycle := cycle + 1.U
      }
    }
    is(State.Stop) {
      when(cycle === fullBit) {
        cycle := 0.U
        when(sync) {
          valid := true.B
          state := State.Idle
        }.otherwise {
          error := true.B
          state := State.Break
        }
      }.otherwise {
        cycle := cycle + 1.U
      }
    }
    is(State.Break) {
      when(sync) {
        state := State.Idle
      }
    }
  }
}
