package dev.spikeforge.hwgen.board

import chisel3._
import chisel3.util._
import dev.spikeforge.golden.spec.EncoderSpec
import dev.spikeforge.hwgen.{GeneratedModule, HwLfsr}
import java.nio.file.Path
import java.util.{List => JList}
import scala.jdk.CollectionConverters._

/**
 * TEST FIXTURE: several [[PixelEncoder]]s side by side (one per configuration, all of `inputs` inputs), written
 * through one pixel port and started together, for boards' `PixelEncoderSimTest` (the encoders against the
 * golden ones). Inputs: `w_valid`, `w_address`, `w_pixel` (one pixel into every encoder), `start` with `state`
 * (the Poisson LFSR start state). Each encoder's beats are taken under a pseudo-random back-pressure (the
 * project LFSR, ready about 3 clocks in 4, so the queue fills and the scan stalls), and every taken beat is
 * reported on `beat_<k>` = {sequence number (16), endOfStep (1), index (16)}, which changes once per beat.
 * `busy` is the OR of the encoders' `busy`.
 *
 * With `mutant`, encoder 0 codes its pixels with `p > min` instead of `p >= min` (a deliberate mistake the test
 * must catch).
 */
class PixelEncoderBench(inputs: Int, configs: Seq[PixelInputParams], mutant: Boolean) extends Module {
  override def desiredName: String = if (mutant) "PixelEncoderBenchMutant" else "PixelEncoderBench"
  private val core = CoreStreamParams(math.max(1, log2Ceil(inputs)), inputs, 1, 1)

  val w_valid = IO(Input(Bool()))
  val w_address = IO(Input(UInt(math.max(1, log2Ceil(inputs)).W)))
  val w_pixel = IO(Input(UInt(8.W)))
  val start = IO(Input(Bool()))
  val state = IO(Input(UInt(HwLfsr.Width.W)))
  val busy = IO(Output(Bool()))

  private val backPressure = RegInit(0x5eed.U(HwLfsr.Width.W))
  backPressure := HwLfsr.step(backPressure)

  val beat = configs.indices.map(_ => IO(Output(UInt(33.W))))
  private val busies = configs.zipWithIndex.map { case (px, k) =>
    val enc = Module(if (mutant && k == 0) new PixelEncoderMutant(core, px) else new PixelEncoder(core, px))
    enc.write.valid := w_valid
    enc.write.bits.address := w_address
    enc.write.bits.pixel := w_pixel
    enc.start.valid := start
    enc.start.bits := state
    enc.beats.ready := backPressure(k % 16) || backPressure(k % 16 + 16)
    val seq = RegInit(0.U(16.W))
    val word = RegInit(0.U(33.W))
    when(enc.beats.fire) {
      seq := seq + 1.U
      word := Cat(seq + 1.U, enc.beats.bits.endOfStep, enc.beats.bits.index.pad(16))
    }
    beat(k) := word
    enc.busy
  }
  busy := busies.reduce(_ || _)
}

/** The mutant: `p > min` where the golden encoders code `p >= min`. */
class PixelEncoderMutant(p: CoreStreamParams, px: PixelInputParams) extends PixelEncoder(p, px) {
  override protected def code(pixel: UInt): UInt = super.code(Mux(pixel === encoderParams.encoder.minIntensity.U, 0.U, pixel))
}

/** Java-callable emitter (test sources only). */
object PixelEncoderBenches {
  def emit(inputs: Int, encoders: JList[EncoderSpec], steps: JList[Integer], mutant: Boolean, outDir: Path)
      : GeneratedModule = {
    require(encoders.size == steps.size, "one step count per encoder")
    val configs = encoders.asScala.zip(steps.asScala).map { case (e, t) => PixelInputParams(e, t) }.toSeq
    BoardGen.emit(new PixelEncoderBench(inputs, configs, mutant), outDir)
  }
}
