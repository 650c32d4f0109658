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
  def updatedShadow(shadow: SInt, positive: Bool, traceSum: UInt, r: SInt): SInt =
    addDelta(shadow, positive, flooredDelta(traceSum, r, shadow.getWidth))

  /**
   * The update magnitude Δ of a `width`-bit shadow weight as the first clock of a pipelined update leaves it
   * (docs/hardware.md §7.1): Δ ≥ 2^width when `over`, else `low + carry` (`low` has `width` bits). Every
   * Δ ≥ 2^width − 1 drives a signed `width`-bit shadow weight to the end of its range, so this is all that
   * [[addDelta]], the second clock, needs.
   */
  class UpdateDelta(width: Int) extends Bundle {
    val over = Bool()
    val low = UInt(width.W)
    val carry = Bool()
  }

  private def updateDelta(over: Bool, low: UInt, carry: Bool): UpdateDelta = {
    val d = Wire(new UpdateDelta(low.getWidth))
    d.over := over
    d.low := low
    d.carry := carry
    d
  }

  /** The [[UpdateDelta]] of the floored update [[shiftUpdateSaturated]]`(u, r, width)` (no carry). */
  def flooredDelta(u: UInt, r: SInt, width: Int): UpdateDelta =
    updateDelta(false.B, shiftUpdateSaturated(u, r, width), false.B)

  /**
   * The [[UpdateDelta]] of the stochastically rounded update [[shiftUpdateStochasticSaturatedBy]]`(u, shift,
   * rnd, width)`: the framed shift and the rounding carry, without the increment (`⌊u·2^−R⌋` at or above
   * 2^width is `over`; below it, Δ = ⌊u·2^−R⌋ + carry ≤ 2^width, which saturates the sum as 2^width − 1 does).
   */
  def stochasticDelta(u: UInt, shift: StochasticShift, rnd: UInt, width: Int): UpdateDelta = {
    require(width >= 1, s"update width must be positive, got $width")
    val (floor, carry) = HwFx.shiftRightStochasticParts(Cat(u, 0.U(shift.left.W)), rnd, shift.amount)
    if (floor.getWidth <= width) updateDelta(false.B, floor.pad(width), carry)
    else updateDelta(floor(floor.getWidth - 1, width).orR, floor(width - 1, 0), carry)
  }

  /**
   * `sat(sh + (positive ? Δ : −Δ))` in the width of `sh` for an [[UpdateDelta]] of that width
   * ([[addDeltaSaturated]] to that width).
   */
  def addDelta(shadow: SInt, positive: Bool, delta: UpdateDelta): SInt =
    addDeltaSaturated(shadow, positive, delta, Seq(shadow.getWidth)).head

  /**
   * `sat_o(sh + (positive ? Δ : −Δ))` for each width o ≤ width(sh) of `widths`, from one sum: equal to
   * `sat_o(sat_width(sh)(…))`, since nested saturation equals the narrow one (a learning unit that updates every
   * layer at the widest shadow width saturates to each layer's own). One adder, `sh + low + carry` or
   * `sh + ~low + ¬carry` (= sh − low − carry), the carry as its carry-in (yosys maps the three-operand sum to
   * one carry chain); each saturation from the sum's top bits ([[HwFx.saturateSignedByBits]]: no comparator
   * chains after the adder); an `over` Δ gives the end of each range.
   */
  def addDeltaSaturated(shadow: SInt, positive: Bool, delta: UpdateDelta, widths: Seq[Int]): Seq[SInt] = {
    val w = shadow.getWidth
    require(delta.low.getWidth == w, s"an update of a $w-bit shadow weight has $w low bits, got ${delta.low.getWidth}")
    require(widths.forall(o => o >= 1 && o <= w), s"saturation widths must lie in 1..$w, got $widths")
    val low = Cat(0.U(1.W), delta.low) // Δ's low bits, w + 1 bits, non-negative
    val term = Mux(positive, low, ~low).asSInt // low or −low − 1
    val carryIn = Mux(positive, delta.carry, !delta.carry)
    val sum = shadow +& term +& carryIn.zext // one carry chain: the carry enters as its carry-in
    widths.map { o =>
      val end = Mux(positive, HwFx.signedMax(o).S(o.W), HwFx.signedMin(o).S(o.W))
      Mux(delta.over, end, HwFx.saturateSignedByBits(sum, o))
    }
  }

  /**
   * `DesireBackpropInt.shiftUpdateStochastic(u, r, rnd, K)`, K = `rnd.getWidth`: the stochastically
   * rounded update magnitude `⌊u·2^−r + rnd·2^−K⌋` for r ≥ 0, `u << −r` for r < 0 (exact, rnd
   * unused), in [[shiftUpdateWidth]] bits. For reference and narrow widths; the learning unit uses
   * [[shiftUpdateStochasticSaturated]].
   */
  def shiftUpdateStochastic(u: UInt, r: SInt, rnd: UInt): UInt = {
    // u·2^−r for every r as u framed with 2^(width(r)−1) zero bits and shifted right by r + 2^(width(r)−1) ≥ 0;
    // for r < 0 the rounding adds no carry (u·2^−r is an integer and rnd·2^−K < 1): no select on the sign of r
    val left = 1 << (r.getWidth - 1)
    HwFx.shiftRightStochastic(Cat(u, 0.U(left.W)), rnd, (r +& left.S).asUInt)
  }

  /**
   * `min(shiftUpdateStochastic(u, r, rnd), 2^width − 1)`, as [[shiftUpdateSaturated]] is for the
   * floored update: a Δ of `2^width − 1` already drives any signed `width`-bit shadow weight to the
   * end of its range, so saturating Δ first does not change [[updatedShadowStochastic]], and the
   * left shift needs at most `min(width, 2^(width(r)−1))` positions.
   */
  def shiftUpdateStochasticSaturated(u: UInt, r: SInt, rnd: UInt, width: Int): UInt =
    shiftUpdateStochasticSaturatedBy(u, stochasticShiftAmount(r, u.getWidth, rnd.getWidth, width), rnd, width)

  /**
   * The right shift of [[shiftUpdateStochasticSaturated]] for an update shift r: u is framed with `left` zero
   * bits (`u·2^left`) and shifted right by `amount` = r + left (0 for r < −left), clamped to
   * `width(u) + left + K`, where every bit is shifted out.
   */
  final case class StochasticShift(amount: UInt, left: Int)

  /**
   * The [[StochasticShift]] of r for a trace sum of `traceSumWidth` bits, K = `roundingBits` and a `width`-bit
   * update: a function of r alone, so a unit whose r is constant for a while can register it.
   */
  def stochasticShiftAmount(r: SInt, traceSumWidth: Int, roundingBits: Int, width: Int): StochasticShift = {
    require(width >= 1, s"update width must be positive, got $width")
    val left = math.min(width, 1 << (r.getWidth - 1))
    val offset = r +& left.S // r + left, ≥ 0 unless r < −left
    val positive =
      if (left >= (1 << (r.getWidth - 1))) offset.asUInt // r ≥ −2^(width(r)−1) ≥ −left always
      else Mux(offset(offset.getWidth - 1), 0.U, offset.asUInt) // r < −left: u << left, saturated by the caller
    val all = traceSumWidth + left + roundingBits
    val amountWidth = log2Ceil(all + 1)
    val amount =
      if (positive.getWidth <= amountWidth && (BigInt(1) << positive.getWidth) - 1 <= all) positive.pad(amountWidth)
      else Mux(positive > all.U, all.U, positive)(amountWidth - 1, 0)
    StochasticShift(amount, left)
  }

  /** [[shiftUpdateStochasticSaturated]] by a [[StochasticShift]] of the same widths (u, K, `width`). */
  def shiftUpdateStochasticSaturatedBy(u: UInt, shift: StochasticShift, rnd: UInt, width: Int): UInt = {
    require(width >= 1, s"update width must be positive, got $width")
    HwFx.saturateUnsigned(HwFx.shiftRightStochastic(Cat(u, 0.U(shift.left.W)), rnd, shift.amount), width)
  }

  /**
   * `DesireBackpropInt.updatedShadowStochastic(sh, d, U, r, width(sh), rnd, K)`, K = `rnd.getWidth`:
   * `sat(sh + (positive ? Δ : −Δ))` with `Δ = ⌊U·2^−r + rnd·2^−K⌋` for r ≥ 0 and `U << −r` for
   * r < 0 (docs/learning.md §3.6), in the width of `sh` (B + E bits). One right shifter, one adder
   * for the rounding and the saturating add; no left shifter.
   */
  def updatedShadowStochastic(shadow: SInt, positive: Bool, traceSum: UInt, r: SInt, rnd: UInt): SInt =
    updatedShadowStochasticBy(shadow, positive, traceSum,
      stochasticShiftAmount(r, traceSum.getWidth, rnd.getWidth, shadow.getWidth), rnd)

  /** [[updatedShadowStochastic]] by the [[StochasticShift]] of r (`stochasticShiftAmount(r, width(U), K, width(sh))`). */
  def updatedShadowStochasticBy(shadow: SInt, positive: Bool, traceSum: UInt, shift: StochasticShift, rnd: UInt): SInt =
    addDelta(shadow, positive, stochasticDelta(traceSum, shift, rnd, shadow.getWidth))

  /** `DesireBackpropInt.forwardWeight(sh, E, B)`: `sat_B(shr_E^HALF_UP(sh))`, B bits. */
  def forwardWeight(shadow: SInt, shadowBits: Int, weightBits: Int): SInt =
    HwFx.saturateSigned(HwFx.shiftRight(shadow, shadowBits, Rounding.HALF_UP), weightBits)

  /** The exact product `S · I` of a current and a dropout rescale, the first half of [[scaledCurrent]]. */
  def rescaleProduct(current: SInt, scale: UInt): SInt = current * scale.zext

  /** Bits of an unsigned operand of the iCE40 UP5K's multiplier (SB_MAC16: 16 × 16). */
  val DspOperandBits: Int = 16

  /** Largest k of [[scaledCurrentConst]]: low bits of the current, corrected by a table of 2^k constants. */
  val MaxLowBits: Int = 3

  /**
   * `scaledCurrent(rescaleProduct(I, S), f)` = `shr_f^HALF_UP(S·I)` for a constant rescale S, as one unsigned
   * `operandBits × operandBits` product and one addition: with `I + 2^(c−1) = top·2^k + low` (c = the
   * current's bits, the sign bit inverted, k = c − operandBits low bits),
   * `S·I + 2^(f−1) = (S·top + hi(low))·2^k + lo(low)`, where `hi`/`lo` split the constant table
   * `S·low + 2^(f−1) − S·2^(c−1)` (2^k entries) at bit k. Since `lo < 2^k` and k ≤ f, the bits from f up of
   * that sum are the bits from f − k up of `S·top + hi(low)`: the rounding and the correction for the low
   * bits and the sign are one table lookup added to the product. The sum is formed modulo 2^(f − k + outWidth)
   * (the table in exactly those bits), so the result is exact whenever the scaled current fits `outWidth`
   * signed bits, which the caller's width guarantees (`HwLayer.neuronCurrentWidth`).
   *
   * The sum is named `current_product`: its bits below f − k are unused (waived in lint). A current too wide
   * for the table (k > [[MaxLowBits]]) or with k > f takes the exact product and [[scaledCurrent]].
   */
  def scaledCurrentConst(current: SInt, scale: Int, scaleFracBits: Int, outWidth: Int,
      operandBits: Int = DspOperandBits): SInt = {
    require(scale >= 0, s"a dropout rescale is non-negative, got $scale")
    require(scaleFracBits >= 1, s"a rescale has at least one fraction bit, got $scaleFracBits")
    val c = current.getWidth
    val k = math.max(0, c - operandBits)
    if (c < 2 || k > MaxLowBits || k > scaleFracBits) {
      scaledCurrent(rescaleProduct(current, scale.U), scaleFracBits).pad(outWidth)(outWidth - 1, 0).asSInt
    } else {
      val s = BigInt(scale)
      val shift = scaleFracBits - k
      val n = shift + outWidth
      val biased = Cat(!current(c - 1), current(c - 2, 0)) // I + 2^(c−1), unsigned
      val top = biased(c - 1, k)
      val table = (0 until (1 << k)).map { low =>
        val v = s * low + (BigInt(1) << (scaleFracBits - 1)) - (s << (c - 1))
        ((v >> k) & ((BigInt(1) << n) - 1)).U(n.W) // ⌊v / 2^k⌋ (BigInt's >> floors) modulo 2^n
      }
      val hi = if (k == 0) table.head else VecInit(table)(biased(k - 1, 0))
      val sum = Wire(UInt(n.W)).suggestName("current_product")
      sum := (top * scale.U) +% hi
      sum(n - 1, shift).asSInt
    }
  }

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
