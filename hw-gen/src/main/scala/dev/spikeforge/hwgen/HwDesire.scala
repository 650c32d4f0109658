package dev.spikeforge.hwgen

import chisel3._
import chisel3.util.{log2Ceil, Cat, MuxLookup}
import dev.spikeforge.golden.numerics.Rounding

/**
 * Hardware twins of the arithmetic of integer desire backpropagation
 * (`dev.spikeforge.golden.learning.DesireBackpropInt`, docs/learning.md §3), built from [[HwFx]]:
 * the presynaptic trace step, the learning-rate shift of a trace sum, the saturating shadow update
 * (floored, and stochastically rounded with K LFSR bits, docs/learning.md §3.6), the forward weight
 * of a shadow weight and the dropout rescale of a current. Combinational; widths
 * from the arguments' types and from parameters the caller takes from the learning spec (F, E, B,
 * the rescale's fraction bits), never typed in. Tested exhaustively at narrow widths against the Java
 * functions in Verilator and Icarus (testbenches `FxTwinsTest`, `StochasticRoundingTwinsTest`).
 */
object HwDesire {

  /**
   * `DesireBackpropInt.traceStep(x, k, F, spike)`: `x − (x >> k) + (spike ? 2^F : 0)`, exact, so
   * `max(width(x), F + 1) + 1` bits. A trace that starts at 0 never exceeds `2^(F+k)`, so a caller
   * that keeps it in `F + k_max + 1` bits (docs/learning.md §3.1) may drop the top bits.
   */
  def traceStep(x: UInt, k: UInt, fracBits: Int, spike: Bool): UInt = {
    require(fracBits >= 0, s"trace fraction bits must be non-negative, got $fracBits")
    HwFx.leak(x, k) +& Mux(spike, (BigInt(1) << fracBits).U, 0.U)
  }

  /** Width of [[shiftUpdate]] for a `traceSumWidth`-bit U and a `shiftWidth`-bit signed R: U shifted left by up to 2^(shiftWidth−1). */
  def shiftUpdateWidth(traceSumWidth: Int, shiftWidth: Int): Int = traceSumWidth + (1 << (shiftWidth - 1))

  /**
   * `DesireBackpropInt.shiftUpdate(u, r)`: `u >> r` (floor) for r ≥ 0, `u << −r` otherwise, exact
   * ([[shiftUpdateWidth]] bits). For reference and narrow widths; the learning unit uses
   * [[shiftUpdateSaturated]], which needs no wide left shifter.
   */
  def shiftUpdate(u: UInt, r: SInt): UInt = {
    val out = shiftUpdateWidth(u.getWidth, r.getWidth)
    val left = (0.S -& r).asUInt // −r; for r < 0 it lies in 1 .. 2^(w−1)
    val shiftedLeft = MuxLookup(left, 0.U(out.W))((1 until out - u.getWidth + 1).map(s => s.U -> (u << s).pad(out)))
    Mux(r(r.getWidth - 1), shiftedLeft, (u >> r.asUInt).pad(out))
  }

  /**
   * `min(shiftUpdate(u, r), 2^width − 1)`. Saturating Δ to `width` unsigned bits before
   * [[updatedShadow]] adds it to a signed `width`-bit shadow weight does not change the saturated
   * sum (a Δ of `2^width − 1` already drives any shadow weight to the end of its range), so the
   * left shift needs at most `width` positions.
   */
  def shiftUpdateSaturated(u: UInt, r: SInt, width: Int): UInt = {
    require(width >= 1, s"update width must be positive, got $width")
    val left = (0.S -& r).asUInt
    val leftClamped = Mux(left > width.U, width.U, left)(log2Ceil(width + 1) - 1, 0)
    val shiftedLeft = u << leftClamped // ≥ 2^width whenever u ≠ 0 and −r ≥ width, as u << −r would be
    val shiftedRight = u >> r.asUInt
    Mux(r(r.getWidth - 1), HwFx.saturateUnsigned(shiftedLeft, width), HwFx.saturateUnsigned(shiftedRight, width))
  }

  /**
   * `DesireBackpropInt.updatedShadow(sh, d, U, r, width(sh))`: `sat(sh + (positive ? Δ : −Δ))`
   * with `Δ = shiftUpdate(U, r)`, in the width of `sh` (B + E bits).
   */
  def updatedShadow(shadow: SInt, positive: Bool, traceSum: UInt, r: SInt): SInt = {
    val w = shadow.getWidth
    val delta = shiftUpdateSaturated(traceSum, r, w).zext
    HwFx.saturateSigned(Mux(positive, shadow +& delta, shadow -& delta), w)
  }

  /**
   * `DesireBackpropInt.shiftUpdateStochastic(u, r, rnd, K)`, K = `rnd.getWidth`: the stochastically
   * rounded update magnitude `⌊u·2^−r + rnd·2^−K⌋` for r ≥ 0, `u << −r` for r < 0 (exact, rnd
   * unused), in [[shiftUpdateWidth]] bits. For reference and narrow widths; the learning unit uses
   * [[shiftUpdateStochasticSaturated]].
   */
  def shiftUpdateStochastic(u: UInt, r: SInt, rnd: UInt): UInt =
    stochasticShift(u, r, rnd, 1 << (r.getWidth - 1))

  /**
   * `min(shiftUpdateStochastic(u, r, rnd), 2^width − 1)`, as [[shiftUpdateSaturated]] is for the
   * floored update: a Δ of `2^width − 1` already drives any signed `width`-bit shadow weight to the
   * end of its range, so saturating Δ first does not change [[updatedShadowStochastic]], and the
   * left shift needs at most `min(width, 2^(width(r)−1))` positions.
   */
  def shiftUpdateStochasticSaturated(u: UInt, r: SInt, rnd: UInt, width: Int): UInt = {
    require(width >= 1, s"update width must be positive, got $width")
    HwFx.saturateUnsigned(stochasticShift(u, r, rnd, math.min(width, 1 << (r.getWidth - 1))), width)
  }

  /**
   * `DesireBackpropInt.updatedShadowStochastic(sh, d, U, r, width(sh), rnd, K)`, K = `rnd.getWidth`:
   * `sat(sh + (positive ? Δ : −Δ))` with `Δ = ⌊U·2^−r + rnd·2^−K⌋` for r ≥ 0 and `U << −r` for
   * r < 0 (docs/learning.md §3.6), in the width of `sh` (B + E bits). One right shifter, one adder
   * for the rounding and the saturating add; no left shifter.
   */
  def updatedShadowStochastic(shadow: SInt, positive: Bool, traceSum: UInt, r: SInt, rnd: UInt): SInt = {
    val w = shadow.getWidth
    val delta = shiftUpdateStochasticSaturated(traceSum, r, rnd, w).zext
    HwFx.saturateSigned(Mux(positive, shadow +& delta, shadow -& delta), w)
  }

  /**
   * `u·2^−r` stochastically rounded for every r ≥ −`left` (r < −`left` counts as −`left`), in
   * `width(u) + left` bits, by [[HwFx.shiftRightStochastic]] alone: u framed with `left` zero bits
   * (`u·2^left`) and shifted right by `r + left ≥ 0`. For r ≥ 0 that is `⌊u·2^−r + rnd·2^−K⌋`; for
   * r < 0 it is `⌊u·2^−r + rnd·2^−K⌋ = u << −r` exactly, since `u·2^−r` is an integer and
   * `rnd·2^−K < 1`: the rounding adds no carry, with no select on the sign of r.
   */
  private def stochasticShift(u: UInt, r: SInt, rnd: UInt, left: Int): UInt = {
    val offset = r +& left.S // r + left, ≥ 0 unless r < −left
    val amount =
      if (left >= (1 << (r.getWidth - 1))) offset.asUInt // r ≥ −2^(width(r)−1) ≥ −left always
      else Mux(offset(offset.getWidth - 1), 0.U, offset.asUInt) // r < −left: u << left, saturated by the caller
    HwFx.shiftRightStochastic(Cat(u, 0.U(left.W)), rnd, amount)
  }

  /** `DesireBackpropInt.forwardWeight(sh, E, B)`: `sat_B(shr_E^HALF_UP(sh))`, B bits. */
  def forwardWeight(shadow: SInt, shadowBits: Int, weightBits: Int): SInt =
    HwFx.saturateSigned(HwFx.shiftRight(shadow, shadowBits, Rounding.HALF_UP), weightBits)

  /** The exact product `S · I` of a current and a dropout rescale, the first half of [[scaledCurrent]]. */
  def rescaleProduct(current: SInt, scale: UInt): SInt = current * scale.zext

  /** Bits of an unsigned operand of the iCE40 UP5K's multiplier (SB_MAC16: 16 × 16). */
  val DspOperandBits: Int = 16

  /**
   * [[rescaleProduct]] for a constant rescale S, formed so that one 16 × 16 unsigned multiplier holds it
   * (a signed operand is emitted sign-extended to the product's width, which costs a second multiplier):
   * with `I + 2^(c−1)` (c = the current's bits; the sign bit inverted) unsigned, split into its top
   * `c − k` and low `k = c − 16` bits, `S·I = S·top·2^k + S·low − S·2^(c−1)`: one product, `S·low` as k
   * gated copies of S (no multiplier) and a constant. Exact, the same value as [[rescaleProduct]];
   * currents wider than 16 + [[MaxLowBits]] bits fall back to it.
   */
  def rescaleProductConst(current: SInt, scale: Int): SInt = {
    require(scale >= 0, s"a dropout rescale is non-negative, got $scale")
    val c = current.getWidth
    val k = math.max(0, c - DspOperandBits)
    if (c < 2 || k > MaxLowBits) rescaleProduct(current, scale.U)
    else {
      val s = BigInt(scale)
      val biased = Cat(!current(c - 1), current(c - 2, 0)) // I + 2^(c−1), unsigned
      val high = (biased(c - 1, k) * scale.U) << k
      val sum = (0 until k).foldLeft(high)((acc, b) => acc +& Mux(biased(b), (s << b).U, 0.U))
      sum.zext - (s << (c - 1)).S
    }
  }

  /** Largest k of [[rescaleProductConst]]: low bits of the current multiplied by gating copies of S. */
  val MaxLowBits: Int = 3

  /**
   * `DesireBackpropInt.scaledCurrent(I, S)` of `product = rescaleProduct(I, S)`: `shr_f^HALF_UP(S · I)`
   * with `f` = the rescale's fraction bits (`DesireBackpropInt.DROPOUT_SCALE_FRAC_BITS`). Java skips
   * the product when `S = 2^f`; the rounding shift of `I · 2^f` is `I` exactly, so the hardware needs
   * no special case. Two functions, so that a design can register the product (or take it from a DSP
   * block) before rounding; the rounding reads only the product's bits from f − 1 up.
   */
  def scaledCurrent(product: SInt, scaleFracBits: Int): SInt =
    HwFx.shiftRight(product, scaleFracBits, Rounding.HALF_UP)
}
