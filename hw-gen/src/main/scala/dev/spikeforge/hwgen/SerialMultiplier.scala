package dev.spikeforge.hwgen

import chisel3._
import chisel3.util.{log2Ceil, Cat, Fill}

/**
 * The exact signed product `a · b` one bit of `b` a clock, in LUTs and one (aWidth + 1)-bit adder (no DSP): for a
 * product needed rarely (the three-factor update, once per synapse after a replay of T clocks), where the UP5K's
 * eight SB_MAC16 are better spent elsewhere.
 *
 * The classic right-shifting shift-add multiplier: a clock with `in_load` takes `in_a` (held as the multiplicand)
 * and `in_b` (into the low register `lo`, whose bit 0 is the multiplier bit of the clock) and clears the high part
 * `hi`. Each of the `bWidth` clocks after it forms `s = hi + b_k·a` (k = 0..bWidth − 2) or `s = hi − b_k·a` at the
 * sign bit k = bWidth − 1 (two's complement), in aWidth + 1 bits, and shifts `s` and `lo` right by one as one
 * register: `hi ← s >> 1` (arithmetic), `lo ← s(0) ## lo >> 1`, so the product's low bits enter `lo` from the top
 * while the multiplier's bits leave it at the bottom. After step k, `hi·2^(k+1) + lo's top k + 1 bits` is the partial
 * product `Σ_{i ≤ k} ±b_i·a·2^i` exactly: `s` is that partial sum over 2^k, whose magnitude is below 2·|a| ≤
 * 2^aWidth, so aWidth + 1 bits hold it and `hi` (an arithmetic half of it) fits aWidth bits. After the last
 * step `hi ## lo` is `a · b` (`aWidth + bWidth` bits: the exact product) and `out_product` holds it until the next
 * load: [[SerialMultiplier.latency]] clocks after the load's edge. Between a load and the product `out_product` is
 * not a partial sum (the outputs are read only when the latency is over; the old left-shifting form's partial sums
 * were never read either).
 *
 * With `holdsA` false the multiplier keeps no copy of `a`: the caller must hold `in_a` from the load to the product
 * (a register of its own that does not change meanwhile, e.g. another multiplier's held product), which saves the
 * aWidth flip-flops of the multiplicand.
 */
class SerialMultiplier(aWidth: Int, bWidth: Int, holdsA: Boolean = true) extends Module {
  require(aWidth >= 1 && bWidth >= 2, s"a signed multiplier needs widths ≥ 1 and ≥ 2, got $aWidth, $bWidth")
  override def desiredName: String = s"SerialMultiplier_${aWidth}x$bWidth" + (if (holdsA) "" else "_heldA") + variant

  /** A suffix of the module name for a subclass that changes the datapath (a test's mutant). */
  protected def variant: String = ""

  /** Bits of the adder: aWidth + 1 (a mutant may drop the guard bit). */
  protected def adderWidth: Int = aWidth + 1

  private val w = aWidth + bWidth
  val in_load = IO(Input(Bool()))
  val in_a = IO(Input(SInt(aWidth.W)))
  val in_b = IO(Input(SInt(bWidth.W)))
  val out_product = IO(Output(SInt(w.W)))
  /** High in the clock of the last step (the sign bit's), the clock before `out_product` holds the product. */
  val out_lastStep = IO(Output(Bool()))

  private val multiplicand = if (holdsA) RegInit(0.S(aWidth.W)) else in_a
  private val hi = RegInit(0.S(aWidth.W)) // the partial product's high part, arithmetic
  private val lo = RegInit(0.U(bWidth.W)) // the product's low bits above, the multiplier's bits left below
  private val k = RegInit(bWidth.U(log2Ceil(bWidth + 1).W))

  when(in_load) {
    if (holdsA) multiplicand := in_a
    hi := 0.S
    lo := in_b.asUInt
    k := 0.U
  }.elsewhen(k =/= bWidth.U) {
    // the sign bit of b weighs −2^(bWidth−1): subtract there; every sum lies within ±2^aWidth (see above). One
    // adder for both: hi − x = ~(~hi + x) in two's complement, so the subtraction inverts hi before the adder and
    // the sum after it (both inversions fold into the adder's LUTs; two adders and a mux would not)
    val subtract = Fill(adderWidth, k === (bWidth - 1).U)
    val addend = Mux(lo(0), multiplicand, 0.S).pad(adderWidth).asUInt
    val sum = (((hi.pad(adderWidth).asUInt ^ subtract) +% addend) ^ subtract).asSInt
    hi := (sum >> 1).asSInt.pad(aWidth)(aWidth - 1, 0).asSInt
    lo := Cat(sum(0), lo(bWidth - 1, 1))
    k := k + 1.U
  }
  out_product := Cat(hi, lo).asSInt
  out_lastStep := k === (bWidth - 1).U
}

object SerialMultiplier {
  /** Clocks after the load's edge (edges counted) until the product: one per bit of b. */
  def latency(bWidth: Int): Int = bWidth
}
