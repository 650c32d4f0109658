package dev.spikeforge.hwgen

import chisel3._
import chisel3.util.log2Ceil

/**
 * The exact signed product `a · b` one bit of `b` a clock, in LUTs and one adder (no DSP): for a product
 * needed rarely (the three-factor update, once per synapse after a replay of T clocks), where the UP5K's eight
 * SB_MAC16 are better spent elsewhere. A clock with `in_load` takes `in_a` and `in_b`; the `bWidth` clocks after
 * it add `b_k · a · 2^k` for k = 0..bWidth − 2 and subtract `a · 2^(bWidth−1)` if b is negative (two's
 * complement), after which `out_product` holds `a · b` (`aWidth + bWidth` bits: the exact product) until the next
 * load: [[SerialMultiplier.latency]] clocks after the load's edge.
 */
class SerialMultiplier(aWidth: Int, bWidth: Int) extends Module {
  require(aWidth >= 1 && bWidth >= 2, s"a signed multiplier needs widths ≥ 1 and ≥ 2, got $aWidth, $bWidth")
  override def desiredName: String = s"SerialMultiplier_${aWidth}x$bWidth"

  private val w = aWidth + bWidth
  val in_load = IO(Input(Bool()))
  val in_a = IO(Input(SInt(aWidth.W)))
  val in_b = IO(Input(SInt(bWidth.W)))
  val out_product = IO(Output(SInt(w.W)))

  private val acc = RegInit(0.S(w.W))
  private val multiplicand = RegInit(0.S(w.W)) // a · 2^k
  private val multiplier = RegInit(0.U(bWidth.W)) // b >> k
  private val k = RegInit(bWidth.U(log2Ceil(bWidth + 1).W))

  when(in_load) {
    acc := 0.S
    multiplicand := in_a.pad(w)
    multiplier := in_b.asUInt
    k := 0.U
  }.elsewhen(k =/= bWidth.U) {
    // every partial sum lies between the extremes of a·b's prefixes, within w bits: wrapping adds are exact
    val term = Mux(k === (bWidth - 1).U, 0.S(w.W) -% multiplicand, multiplicand)
    acc := Mux(multiplier(0), acc +% term, acc)
    multiplicand := (multiplicand << 1)(w - 1, 0).asSInt
    multiplier := multiplier >> 1
    k := k + 1.U
  }
  out_product := acc
}

object SerialMultiplier {
  /** Clocks after the load's edge (edges counted) until the product: one per bit of b. */
  def latency(bWidth: Int): Int = bWidth
}
