package dev.spikeforge.hwgen

import chisel3._
import chisel3.util.Cat
import dev.spikeforge.golden.spec.hw.HwNeuron

/**
 * The arithmetic of one integer LIF time step, `dev.spikeforge.golden.neuron.Lif.step`, as pure
 * Chisel functions: the one definition that [[LifNeuronUnit]] (combinational) and [[LifNeuronPipe]]
 * (the core's, pipelined) both compose. Widths come from the spec record `HwNeuron`.
 *
 * Lif.step's order is leak, integrate with saturation, fire (`v2 >= threshold`), reset. Here the
 * saturation, the comparison and the reset are taken side by side from the exact sum
 * `s = leak(v) + I`:
 *
 *   v2 = sat_M(s),  fire = s >= threshold,  v3 = fire ? (ZERO ? 0 : (s > max ? max - threshold : s - threshold)) : v2.
 *
 * This equals "saturate, then compare, then subtract" because 1 <= threshold <= max: s > max gives
 * v2 = max >= threshold (fires, v2 - threshold = max - threshold); s < min gives v2 = min < threshold
 * (no spike); otherwise v2 = s. One carry chain serves a lane: `d = s - threshold` (exact) gives both
 * the spike (`d >= 0`, its sign) and the difference (its low M bits); the saturation and `s > max`
 * are read off the top bits of `s` ([[HwFx.saturateSignedByBits]]) and `max - threshold` is the
 * threshold's complement (max = 2^(M−1) − 1 and 0 <= threshold <= max), so neither needs a chain.
 * Checked exhaustively at narrow widths against the golden model in
 * Verilator and Icarus (testbenches LifNeuronUnitTest, LifNeuronPipeTest).
 */
object LifStep {

  /** Stage 1, leak: `v - (v >> k)`, or `v` when `k = 0` ([[HwFx.leak]]); M bits. */
  def leak(n: HwNeuron, v: SInt, leakShift: UInt): SInt = {
    val leaked = Wire(SInt(n.membraneWidth.W))
    leaked := HwFx.leak(v, leakShift)
    leaked
  }

  /** Stage 2, integrate: the exact sum `v1 + I` of an M-bit `v1` and a C-bit `I`, `n.sumWidth` bits, no wrap. */
  def integrate(n: HwNeuron, leaked: SInt, current: SInt): SInt = {
    val sum = Wire(SInt(n.sumWidth.W))
    sum := leaked +& current
    sum
  }

  /** The result of stage 3: the membrane carried to the next step and the spike. */
  final case class Fired(vNext: SInt, spike: Bool)

  /**
   * Stage 3, saturate, fire and reset from the exact sum `s`. `threshold` is unsigned,
   * `n.thresholdWidth` bits (1..max); `resetZero` = 1 for ZERO, 0 for SUBTRACT. With `enable` low the
   * neuron neither fires nor resets (it keeps the saturated sum): a dropped neuron of a training sample.
   */
  def fireAndReset(n: HwNeuron, sum: SInt, threshold: UInt, resetZero: Bool, enable: Option[Bool] = None): Fired = {
    val m = n.membraneWidth
    val sw = n.sumWidth
    require(sum.getWidth == sw && sw > m, s"sum of ${sum.getWidth} bits for M = $m, C = ${n.currentWidth}")
    val t = Wire(UInt(n.thresholdWidth.W))
    t := threshold
    val integrated = HwFx.saturateSignedByBits(sum, m)
    // s > max: s is not negative and some bit from M − 1 up is set
    val over = !sum(sw - 1) && sum(sw - 2, m - 1).orR
    // the one chain: s − threshold, exactly (sw + 1 bits); fired = (s − threshold >= 0). Only its sign and its low
    // M bits are read (the name is waived for those unused bits in verilator_waivers.vlt).
    val fire_difference = sum -& t.zext
    val fired = !fire_difference(sw)
    // fired and not over: threshold <= s <= max, so s - threshold lies in 0..max-1 (M bits, no wrap)
    val difference = fire_difference(m - 1, 0).asSInt
    // max − threshold = (2^(M−1) − 1) − threshold = the threshold's M − 1 bits inverted (threshold <= max)
    val maxLessThreshold = Cat(0.U(1.W), ~t).asSInt
    val afterReset = Mux(resetZero, 0.S(m.W), Mux(over, maxLessThreshold, difference))
    val fires = enable.fold(fired)(fired && _)
    Fired(Mux(fires, afterReset, integrated), fires)
  }
}

/**
 * The ports of a LIF step, as both [[LifNeuronUnit]] and [[LifNeuronPipe]] declare them, following
 * ODIN's naming: `param_*` are per-layer parameters, `state_*` the neuron state, `in_*` this step's
 * input, `*_next` the state carried to the next step. Widths from `HwNeuron`.
 */
trait LifPorts { this: RawModule =>
  def n: HwNeuron
  val param_threshold = IO(Input(UInt(n.thresholdWidth.W)))
  val param_leak_shift = IO(Input(UInt(n.leakShiftWidth.W)))
  val param_reset_zero = IO(Input(Bool())) // 1 = ZERO, 0 = SUBTRACT
  val state_v = IO(Input(SInt(n.membraneWidth.W)))
  val in_current = IO(Input(SInt(n.currentWidth.W)))
  val state_v_next = IO(Output(SInt(n.membraneWidth.W)))
  val spike = IO(Output(Bool()))
}

/**
 * One time step of one integer LIF neuron, combinational: [[LifStep]]'s three stages composed.
 * Hardware twin of `Lif.step`; the core uses the same functions pipelined ([[LifNeuronPipe]]).
 */
class LifNeuronUnit(val n: HwNeuron) extends RawModule with LifPorts {
  override def desiredName: String = LifNeuronUnit.moduleName(n)

  private val sum = LifStep.integrate(n, LifStep.leak(n, state_v, param_leak_shift), in_current)
  private val result = LifStep.fireAndReset(n, sum, param_threshold, param_reset_zero)
  state_v_next := result.vNext
  spike := result.spike
}

object LifNeuronUnit {
  /** The Verilog module name; carries the widths so that variants can coexist in one design. */
  def moduleName(n: HwNeuron): String = s"LifNeuronUnit_m${n.membraneWidth}_c${n.currentWidth}"
}

/**
 * The time step of [[LifNeuronUnit]] with a register after each of [[LifStep]]'s stages: inputs
 * (parameters included) are taken at every rising edge of `clock` and their results appear on the
 * outputs [[LifNeuronPipe.Latency]] edges later, one result per clock. This is the LIF datapath of
 * every lane of the core (LayerEngine). Stages:
 *
 *   1. leak                                  -> register
 *   2. integrate, exactly (`n.sumWidth` bits) -> register
 *   3. saturate, fire and reset side by side  -> register (outputs)
 *
 * No reset: the registers carry data only, a user tracks which results are valid. With `currentLate`
 * (the core's engines) `in_current` belongs to the vector given one clock earlier: stage 2 adds it
 * without a stage-1 copy.
 */
class LifNeuronPipe(val n: HwNeuron, paramsHeld: Boolean = false, fireEnable: Boolean = false,
    integrated: Boolean = false, currentLate: Boolean = false, leakShiftLane: Option[Int] = None)
    extends RawModule with LifPipeClock with LifPorts {
  require(leakShiftLane.forall(_ >= 0), s"leakShiftLane must be >= 0, got $leakShiftLane")
  require(leakShiftLane.isEmpty || paramsHeld, "a lane's own leak-shift register needs held parameters (paramsHeld)")
  override def desiredName: String = LifNeuronPipe.moduleName(n) + (if (paramsHeld) "_held" else "") +
    (if (fireEnable) "_gated" else "") + (if (integrated) "_v2" else "") + (if (currentLate) "_late" else "") +
    leakShiftLane.map(k => s"_k$k").getOrElse("")
  /** Only with `fireEnable`: the neuron may fire (low: it integrates and neither fires nor resets), piped like the inputs. */
  val in_fire_enable = if (fireEnable) Some(IO(Input(Bool()))) else None
  /**
   * Only with `integrated`: v2, the saturated membrane after leak and integration and before the threshold (the
   * value `Lif.step` compares with θ), beside `state_v_next` (a three-factor core's surrogate code is made from it).
   */
  val out_v2 = if (integrated) Some(IO(Output(SInt(n.membraneWidth.W)))) else None

  withClock(clock) {
    // stage 1: leak
    val s1Leaked = Reg(SInt(n.membraneWidth.W))
    // with `leakShiftLane` the lane shifts by its own register of the (held) leak shift, taken a clock earlier:
    // a layer's one shift amount otherwise drives every lane's shifter, a net of a hundred loads that was the
    // core's critical path on the UP5K. Each lane stores it XOR a constant of its own, so that synthesis keeps
    // the lanes' registers apart instead of merging them back into one (the XOR folds into the shifter's LUTs).
    val leakShift = leakShiftLane match {
      case None => param_leak_shift
      case Some(lane) =>
        val tag = (lane % (1 << n.leakShiftWidth)).U(n.leakShiftWidth.W)
        RegNext(param_leak_shift ^ tag) ^ tag
    }
    s1Leaked := LifStep.leak(n, state_v, leakShift)
    // with `currentLate` the user gives the current one clock after the membrane, when stage 2 adds it: no copy
    val s1Current = if (currentLate) in_current else RegNext(in_current)
    // with `paramsHeld` the user holds the threshold and reset mode while results are in flight (every engine does:
    // a core's layer parameters change only between samples): stage 3 reads them from the ports, no copies
    val s1Threshold = if (paramsHeld) param_threshold else RegNext(param_threshold)
    val s1Zero = if (paramsHeld) param_reset_zero else RegNext(param_reset_zero)
    val s1Enable = in_fire_enable.map(e => RegNext(e))
    // stage 2: the exact sum
    val s2Sum = Reg(SInt(n.sumWidth.W))
    s2Sum := LifStep.integrate(n, s1Leaked, s1Current)
    val s2Threshold = if (paramsHeld) s1Threshold else RegNext(s1Threshold)
    val s2Zero = if (paramsHeld) s1Zero else RegNext(s1Zero)
    val s2Enable = s1Enable.map(e => RegNext(e))
    // stage 3: saturate, fire and reset side by side
    val result = LifStep.fireAndReset(n, s2Sum, s2Threshold, s2Zero, s2Enable)
    val s3V = Reg(SInt(n.membraneWidth.W))
    s3V := result.vNext
    state_v_next := s3V
    spike := RegNext(result.spike)
    for (o <- out_v2) o := RegNext(HwFx.saturateSigned(s2Sum, n.membraneWidth))
  }
}

/** The clock input of [[LifNeuronPipe]], declared before the [[LifPorts]] (mixed in first). */
trait LifPipeClock { this: RawModule =>
  val clock = IO(Input(Clock()))
}

object LifNeuronPipe {
  /**
   * Clock edges from the inputs to the outputs. With `leakShiftLane` the leak shift must also be held the clock
   * before a vector enters (it is registered in the lane).
   */
  val Latency: Int = 3

  /** The Verilog module name, with the widths. */
  def moduleName(n: HwNeuron): String = s"LifNeuronPipe_m${n.membraneWidth}_c${n.currentWidth}"
}
