package dev.spikeforge.hwgen.twins

import chisel3._
import dev.spikeforge.hwgen.{GeneratedModule, HwGen, SerialMultiplier}
import java.nio.file.Path

/**
 * TEST FIXTURE: a [[SerialMultiplier]] whose adder has aWidth bits instead of aWidth + 1 (no guard bit), so a
 * partial sum beyond ±2^(aWidth−1) wraps; the multiplier test must catch it.
 */
class NoGuardBitSerialMultiplier(aWidth: Int, bWidth: Int, holdsA: Boolean)
    extends SerialMultiplier(aWidth, bWidth, holdsA) {
  override protected def variant: String = "_noGuardBit"
  override protected def adderWidth: Int = aWidth
}

/**
 * TEST FIXTURE: one [[SerialMultiplier]] per (aWidth, bWidth) pair side by side, each behind its own ports
 * `m<i>_load`, `m<i>_a`, `m<i>_b` and `m<i>_product` (i the pair's index), so one simulator build checks every
 * width (testbenches `SerialMultiplierTest`); a pair marked held is built without its copy of a (`holdsA` false: the
 * test holds `m<i>_a` until the product). `mutant` builds [[NoGuardBitSerialMultiplier]]s instead.
 */
class SerialMultiplierBench(widths: Seq[(Int, Int, Boolean)], mutant: Boolean) extends Module {
  override def desiredName: String =
    "SerialMultiplierBench_" + widths.map { case (a, b, h) => s"${a}x$b" + (if (h) "h" else "") }.mkString("_") +
      (if (mutant) "_mutant" else "")

  for (((a, b, held), i) <- widths.zipWithIndex) {
    val load = IO(Input(Bool())).suggestName(s"m${i}_load")
    val x = IO(Input(SInt(a.W))).suggestName(s"m${i}_a")
    val y = IO(Input(SInt(b.W))).suggestName(s"m${i}_b")
    val product = IO(Output(SInt((a + b).W))).suggestName(s"m${i}_product")
    val mul = Module(if (mutant) new NoGuardBitSerialMultiplier(a, b, !held) else new SerialMultiplier(a, b, !held))
    mul.in_load := load
    mul.in_a := x
    mul.in_b := y
    product := mul.out_product
  }
}

/** Java-callable emitter of the serial-multiplier bench (test sources only). */
object SerialMultiplierBench {
  /**
   * The bench of the pairs `aWidths(i)` × `bWidths(i)`, without the copy of a where `held(i)`; the no-guard-bit
   * mutant if `mutant`.
   */
  def emit(aWidths: Array[Int], bWidths: Array[Int], held: Array[Boolean], mutant: Boolean, outDir: Path)
      : GeneratedModule = {
    require(aWidths.length == bWidths.length && held.length == aWidths.length,
      s"${aWidths.length} a widths, ${bWidths.length} b widths, ${held.length} held flags")
    HwGen.emit(new SerialMultiplierBench(aWidths.indices.map(i => (aWidths(i), bWidths(i), held(i))), mutant), outDir)
  }

  /** Clocks after a load's edge until the product. */
  def latency(bWidth: Int): Int = SerialMultiplier.latency(bWidth)
}

/** The (aWidth, bWidth) pairs a core's three-factor layer learners multiply with (test sources only). */
object SerialMultiplierWidths {
  import dev.spikeforge.golden.spec.hw.{HwCore, HwThreeFactorLearning}
  import dev.spikeforge.hwgen.LayerLearnerParams

  /**
   * Every pair of `core`'s two layer learners under `spec`, as `ThreeFactorLayerLearner` instantiates them: L·ē^W
   * (signal × eligibility), and with learned delays L·ē^ȳ (the same) and (L·ē^ȳ)·w (their product × the weight).
   */
  def of(spec: HwThreeFactorLearning, core: HwCore): Array[Array[Int]] = {
    val layers = Seq(LayerLearnerParams.hidden(spec, core), LayerLearnerParams.output(spec, core))
    layers.flatMap { p =>
      val e = p.lane.eligibilityWidth
      Seq(Array(p.signalWidth, e)) ++ (if (p.learnsDelays) Seq(Array(p.signalWidth + e, p.weightWidth)) else Nil)
    }.distinctBy(_.toSeq).toArray
  }
}
