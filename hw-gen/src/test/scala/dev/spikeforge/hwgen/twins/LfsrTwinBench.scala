package dev.spikeforge.hwgen.twins

import chisel3._
import chisel3.util._
import dev.spikeforge.hwgen.{GeneratedModule, HwGen, HwLfsr, LfsrSeeder}
import java.nio.file.Path

/**
 * TEST FIXTURE: the LFSR twins on one clock, checked against `Lfsr` (testbenches `LfsrTwinsTest`).
 * Two independent parts, each with registered outputs (results one rising edge after the inputs):
 *  - a draw register: `d_load` loads `d_state`; otherwise `d_n` in 1..Width draws `nextBits(n)`
 *    (`d_bits`, LSB first, the new state on `d_out_state`), and `d_n` = 0 holds the state
 *    (`d_bits` = 0). Every n is a prefix of one [[HwLfsr.draws]] chain;
 *  - [[LfsrSeeder]] fed with the dropout stream of (`s_epoch`, `s_position`) ([[HwLfsr.dropoutStream]]):
 *    `s_start`, `s_seed` in, `s_valid`, `s_state` out.
 */
class LfsrTwinBench extends Module {
  override def desiredName: String = "LfsrTwinBench"
  private val width = HwLfsr.Width

  val d_load = IO(Input(Bool()))
  val d_state = IO(Input(UInt(width.W)))
  val d_n = IO(Input(UInt(log2Ceil(width + 1).W)))
  val d_out_state = IO(Output(UInt(width.W)))
  val d_bits = IO(Output(UInt(width.W)))

  private val state = Reg(UInt(width.W))
  private val bits = Reg(UInt(width.W))
  private val chain = HwLfsr.draws(state, width)
  private val drawn = MuxLookup(d_n, 0.U(width.W))(chain.zipWithIndex.map { case (d, i) => (i + 1).U -> d.bits.pad(width) })
  private val next = MuxLookup(d_n, state)(chain.zipWithIndex.map { case (d, i) => (i + 1).U -> d.next })
  state := Mux(d_load, d_state, next)
  bits := Mux(d_load, 0.U, drawn)
  d_out_state := state
  d_bits := bits

  val s_start = IO(Input(Bool()))
  val s_seed = IO(Input(UInt(java.lang.Long.SIZE.W)))
  val s_epoch = IO(Input(UInt(width.W)))
  val s_position = IO(Input(UInt(width.W)))
  val s_valid = IO(Output(Bool()))
  val s_state = IO(Output(UInt(width.W)))
  private val seeder = Module(new LfsrSeeder)
  seeder.in_start := s_start
  seeder.in_seed := s_seed
  seeder.in_stream := HwLfsr.dropoutStream(s_epoch, s_position)
  s_valid := seeder.out_valid
  s_state := seeder.out_state
}

/** Java-callable emitters of the twin benches (test sources only). */
object TwinBenches {
  def emitFxTwinBench(shiftWidth: Int, shiftAmountWidth: Int, traceFracBits: Int, fitInWidth: Int, fitWidths: Array[Int],
      addWidth: Int, mutant: Boolean, outDir: Path): GeneratedModule =
    HwGen.emit(new FxTwinBench(shiftWidth, shiftAmountWidth, traceFracBits, fitInWidth, fitWidths.toSeq, addWidth, mutant),
      outDir)

  def emitDesireTwinBench(traceSumWidth: Int, shiftWidth: Int, shadowWidth: Int, shadowBits: Int, currentWidth: Int,
      scaleWidth: Int, scaleFracBits: Int, outDir: Path): GeneratedModule =
    HwGen.emit(new DesireTwinBench(traceSumWidth, shiftWidth, shadowWidth, shadowBits, currentWidth, scaleWidth,
      scaleFracBits), outDir)

  /** The constant rescales S of DesireTwinBench's `g_scaled_const_<q>`, in order. */
  def desireConstScales: Array[Int] = DesireTwinBench.ConstScales.toArray

  def emitStochasticTwinBench(valueWidth: Int, roundingBits: Int, shiftAmountWidth: Int, narrowWidth: Int,
      narrowRoundingBits: Int, traceSumWidth: Int, updateShiftWidth: Int, shadowWidth: Int, wideWidth: Int,
      wideTraceSumWidth: Int, wideShiftWidth: Int, wideRoundingBits: Int, wideShadowWidth: Int, mutant: Boolean,
      outDir: Path): GeneratedModule =
    HwGen.emit(new StochasticTwinBench(valueWidth, roundingBits, shiftAmountWidth, narrowWidth, narrowRoundingBits,
      traceSumWidth, updateShiftWidth, shadowWidth, wideWidth, wideTraceSumWidth, wideShiftWidth, wideRoundingBits,
      wideShadowWidth, mutant), outDir)

  def emitLfsrTwinBench(outDir: Path): GeneratedModule = HwGen.emit(new LfsrTwinBench, outDir)

  /** [[LfsrSeeder]] alone, e.g. for synthesis. */
  def emitLfsrSeeder(outDir: Path): GeneratedModule = HwGen.emit(new LfsrSeeder, outDir)

  /** Rising edges from a start of [[LfsrSeeder]] to its valid state. */
  def lfsrSeederLatency(): Int = LfsrSeeder.Latency
}
