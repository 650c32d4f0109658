package dev.spikeforge.hwgen.board

import chisel3._
import chisel3.util._
import dev.spikeforge.hwgen.GeneratedModule
import java.nio.file.Path

/**
 * TEST FIXTURE, not a neural network: a core with the stream interface of [[CoreStreamIO]] and a
 * behaviour a test can predict by hand, used to test board top levels until real cores exist.
 * For each sample of `steps` steps:
 *  - `prediction` = number of input spikes mod `outputs`;
 *  - `unique` = the number of input spikes is even;
 *  - `decisionStep` = 1-based number of the first step with a spike, `steps` if none;
 *  - `counts(k)` = spikes on input channel k (k < outputs), saturating at the count's maximum.
 * After accepting a spike beat it holds `in.ready` low for `spikeStall` cycles, after an
 * end-of-step beat for `stepStall` cycles (a neuron pass), so the board must respect back-pressure.
 */
class CountingTestCore(name: String, p: CoreStreamParams, steps: Int, spikeStall: Int, stepStall: Int) extends Module {
  require(steps >= 1 && steps < 65536, s"steps must be in 1..65535, got $steps")
  override def desiredName: String = name

  val in = IO(Flipped(Decoupled(new CoreInBeat(p))))
  val out = IO(Decoupled(new CoreResult(p)))

  private val stall = RegInit(0.U(16.W))
  private val step = RegInit(0.U(16.W))
  private val total = RegInit(0.U(32.W))
  private val totalMod = RegInit(0.U(p.predictionWidth.W))
  private val firstSpikeStep = RegInit(0.U(16.W))
  private val counts = RegInit(VecInit(Seq.fill(p.outputs)(0.U(p.countWidth.W))))
  private val done = RegInit(false.B)

  in.ready := stall === 0.U && !done
  out.valid := done
  out.bits.prediction := totalMod
  out.bits.unique := !total(0)
  out.bits.decisionStep := Mux(firstSpikeStep === 0.U, steps.U, firstSpikeStep)
  out.bits.counts := counts

  when(stall =/= 0.U) { stall := stall - 1.U }

  when(in.fire) {
    when(in.bits.endOfStep) {
      stall := stepStall.U
      step := step + 1.U
      when(step === (steps - 1).U) { done := true.B }
    }.otherwise {
      stall := spikeStall.U
      total := total + 1.U
      totalMod := Mux(totalMod === (p.outputs - 1).U, 0.U, totalMod + 1.U)
      when(firstSpikeStep === 0.U) { firstSpikeStep := step + 1.U }
      for (k <- 0 until p.outputs) {
        when(in.bits.index === k.U && counts(k) =/= ((BigInt(1) << p.countWidth) - 1).U) {
          counts(k) := counts(k) + 1.U
        }
      }
    }
  }

  when(out.fire) {
    done := false.B
    step := 0.U
    total := 0.U
    totalMod := 0.U
    firstSpikeStep := 0.U
    counts.foreach(_ := 0.U)
  }
}

/** Java-callable emitters for board test fixtures (test sources only). */
object BoardTestFixtures {
  def emitCountingCore(name: String, p: CoreStreamParams, steps: Int, spikeStall: Int, stepStall: Int,
      outDir: Path): GeneratedModule =
    BoardGen.emit(new CountingTestCore(name, p, steps, spikeStall, stepStall), outDir)
}
