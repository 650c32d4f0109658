package dev.spikeforge.hwgen.board

import chisel3._
import chisel3.util._
import dev.spikeforge.hwgen.HwLfsr

/**
 * PIXELS frames (link version 4, [[LinkProtocol.pixels]]) read in front of the [[CommandParser]] on the receive
 * FIFO's byte stream, like [[LearnFrameParser]]: a `P` byte that arrives while the parser waits for a command
 * (`parserIdle`) starts a frame this module reads to its end; every other byte passes through unchanged, so
 * SPARSE, BITMAP and LOAD work as on the version-2 top.
 *
 * A frame is the sample's LFSR start state (4 bytes, Poisson coding only) and then one byte per input, written
 * into the [[PixelEncoder]] as it arrives; after the last one the encoder starts. A `P` waits while the encoder
 * is still busy with the previous sample (its bytes stay in the FIFO and are not credited: the host's credit
 * window is the flow control), so the next image streams into the FIFO while this one is encoded. A frame that
 * stops in the middle for `timeoutCycles` cycles (0 = never) is dropped with ERROR 4; the encoder has not
 * started, so the core has seen none of it.
 *
 * Host twin: `LinkCodec.pixels` (the frame). `LinkCodec.decodeCommands` replays the version-2 parser only; the
 * beats a PIXELS frame makes are checked against the golden encoder instead (boards `BoardPixelSimTest`).
 */
class PixelFrameParser(p: CoreStreamParams, px: PixelInputParams, timeoutCycles: Long) extends Module {
  require(timeoutCycles >= 0, s"timeoutCycles must be >= 0, got $timeoutCycles")

  val in = IO(Flipped(Decoupled(UInt(8.W))))
  val out = IO(Decoupled(UInt(8.W)))
  val parserIdle = IO(Input(Bool()))
  val encoderBusy = IO(Input(Bool()))
  val write = IO(Valid(new PixelWrite(p.inputs)))
  val start = IO(Valid(UInt(HwLfsr.Width.W)))
  val error = IO(Valid(new LinkError))

  private object State extends ChiselEnum {
    val Pass, StateBytes, Pixels = Value
  }
  private val state = RegInit(State.Pass)
  private val count = RegInit(0.U(log2Ceil(math.max(p.inputs, LinkProtocol.LfsrBytes) + 1).W))
  private val seed = RegInit(0.U(HwLfsr.Width.W))

  private val atFrame = state === State.Pass && parserIdle && in.bits === LinkProtocol.CmdPixels.U
  private val takeCommand = atFrame && !encoderBusy
  out.valid := in.valid && state === State.Pass && !(parserIdle && in.bits === LinkProtocol.CmdPixels.U)
  out.bits := in.bits
  in.ready := Mux(state === State.Pass, takeCommand || (out.ready && !atFrame), true.B)

  write.valid := state === State.Pixels && in.fire
  write.bits.address := count
  write.bits.pixel := in.bits
  start.valid := false.B
  start.bits := seed
  error.valid := false.B
  error.bits.code := LinkProtocol.ErrTimeout.U
  error.bits.detail := 0.U

  switch(state) {
    is(State.Pass) {
      when(in.fire && takeCommand) {
        count := 0.U
        state := (if (px.carriesState) State.StateBytes else State.Pixels)
      }
    }
    is(State.StateBytes) {
      when(in.fire) {
        seed := Cat(in.bits, seed >> 8)
        count := count + 1.U
        when(count === (LinkProtocol.LfsrBytes - 1).U) {
          count := 0.U
          state := State.Pixels
        }
      }
    }
    is(State.Pixels) {
      when(in.fire) {
        count := count + 1.U
        when(count === (p.inputs - 1).U) {
          start.valid := true.B
          state := State.Pass
        }
      }
    }
  }

  // a frame cut off midway: dropped, ERROR 4 (the encoder never started)
  if (timeoutCycles > 0) {
    val idle = RegInit(0.U(log2Ceil(timeoutCycles + 1).W))
    val inFrame = state =/= State.Pass
    when(!inFrame || in.valid) {
      idle := 0.U
    }.elsewhen(idle === timeoutCycles.U) {
      idle := 0.U
      state := State.Pass
      error.valid := true.B
    }.otherwise {
      idle := idle + 1.U
    }
  }
}
