package dev.spikeforge.hwgen.twins

import chisel3._
import dev.spikeforge.hwgen.HwDesire

/**
 * TEST FIXTURE: the [[HwDesire]] update arithmetic behind plain ports, checked against
 * `DesireBackpropInt` (testbenches `FxTwinsTest`). Two groups of inputs, driven one at a time:
 *  - `f_*`: a trace sum `f_u` (`traceSumWidth` bits), a signed update shift `f_r` (`shiftWidth`
 *    bits), a shadow weight `f_sh` (`shadowWidth` = B + E bits) and the desire's sign `f_pos`:
 *    Δ exact (`f_delta`) and saturated to the shadow width (`f_delta_sat`), the updated shadow
 *    (`f_shadow`), the forward weight of `f_sh` (`f_weight`, `shadowBits` = E, B = shadowWidth − E);
 *  - `g_*`: a current `g_i` and a dropout rescale `g_s` (`scaleFracBits` fraction bits): the exact
 *    product `g_product` and the rescaled current `g_scaled`.
 */
class DesireTwinBench(traceSumWidth: Int, shiftWidth: Int, shadowWidth: Int, shadowBits: Int, currentWidth: Int,
    scaleWidth: Int, scaleFracBits: Int) extends RawModule {
  override def desiredName: String = s"DesireTwinBench_u${traceSumWidth}_r${shiftWidth}_sh$shadowWidth"

  val f_u = IO(Input(UInt(traceSumWidth.W)))
  val f_r = IO(Input(SInt(shiftWidth.W)))
  val f_sh = IO(Input(SInt(shadowWidth.W)))
  val f_pos = IO(Input(Bool()))
  val f_delta = IO(Output(UInt(HwDesire.shiftUpdateWidth(traceSumWidth, shiftWidth).W)))
  val f_delta_sat = IO(Output(UInt(shadowWidth.W)))
  val f_shadow = IO(Output(SInt(shadowWidth.W)))
  val f_weight = IO(Output(SInt((shadowWidth - shadowBits).W)))
  f_delta := HwDesire.shiftUpdate(f_u, f_r)
  f_delta_sat := HwDesire.shiftUpdateSaturated(f_u, f_r, shadowWidth)
  f_shadow := HwDesire.updatedShadow(f_sh, f_pos, f_u, f_r)
  f_weight := HwDesire.forwardWeight(f_sh, shadowBits, shadowWidth - shadowBits)

  val g_i = IO(Input(SInt(currentWidth.W)))
  val g_s = IO(Input(UInt(scaleWidth.W)))
  private val product = HwDesire.rescaleProduct(g_i, g_s)
  private val scaled = HwDesire.scaledCurrent(product, scaleFracBits)
  val g_scaled = IO(Output(chiselTypeOf(scaled)))
  val g_product = IO(Output(chiselTypeOf(product))) // an output, so that every product bit is read
  g_scaled := scaled
  g_product := product
  /**
   * The constant-S form of the rescale ([[HwDesire.scaledCurrentConst]]) for each S of [[DesireTwinBench.ConstScales]],
   * with [[DesireTwinBench.ConstOperandBits]]-bit product operands, so that a narrow current has low bits (k > 0).
   */
  val g_scaled_const = IO(Output(Vec(DesireTwinBench.ConstScales.size, SInt((currentWidth + 16).W))))
  for ((s, q) <- DesireTwinBench.ConstScales.zipWithIndex) {
    g_scaled_const(q) := HwDesire.scaledCurrentConst(g_i, s, scaleFracBits, currentWidth + 16, DesireTwinBench.ConstOperandBits)
  }
}

object DesireTwinBench {
  /** The constant rescales of `g_scaled_const`: identity, the extremes of 9 bits and two real ones. */
  val ConstScales: Seq[Int] = Seq(0, 1, 255, 256, 269, 427, 511)
  /** Product operand bits of `g_scaled_const` (the hardware's are 16). */
  val ConstOperandBits: Int = 4
}
