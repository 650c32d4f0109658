package dev.spikeforge.hwgen

import chisel3._
import chisel3.util.log2Ceil
import dev.spikeforge.golden.numerics.Fx
import dev.spikeforge.golden.spec.NeuronSpec

/**
 * Elaboration parameters of [[LifNeuronUnit]].
 *
 * @param membraneWidth M, width of the signed membrane potential (2..NeuronSpec.MAX_MEMBRANE_WIDTH)
 * @param currentWidth  C, width of the signed input current, the exact synaptic sum of one step
 *                      (1..Fx.MAX_WIDTH - 1)
 */
final case class LifParams(membraneWidth: Int, currentWidth: Int) {
  require(
    membraneWidth >= 2 && membraneWidth <= NeuronSpec.MAX_MEMBRANE_WIDTH,
    s"membraneWidth must be in 2..${NeuronSpec.MAX_MEMBRANE_WIDTH}, got $membraneWidth")
  require(
    currentWidth >= 1 && currentWidth < Fx.MAX_WIDTH,
    s"currentWidth must be in 1..${Fx.MAX_WIDTH - 1}, got $currentWidth")

  /** `param_threshold` is unsigned and holds every positive M-bit threshold, 1..2^(M-1)-1. */
  def thresholdWidth: Int = membraneWidth - 1

  /** `param_leak_shift` holds every valid leak shift 0..M-1. */
  def leakShiftWidth: Int = log2Ceil(membraneWidth)

  /** `v1 + I` computed exactly: one bit wider than the wider operand. */
  def sumWidth: Int = math.max(membraneWidth, currentWidth) + 1

  /** The Verilog module name; carries the widths so that variants can coexist in one design. */
  def moduleName: String = s"LifNeuronUnit_m${membraneWidth}_c$currentWidth"

  /** The Verilog module name of the pipelined twin [[LifNeuronPipe]]. */
  def pipeModuleName: String = s"LifNeuronPipe_m${membraneWidth}_c$currentWidth"
}

/**
 * One time step of one integer LIF neuron, combinational. Hardware twin of
 * `dev.spikeforge.golden.neuron.Lif.step`, in the same order of operations:
 *
 *   1. leak:      v1 = v - (v >> k), or v when k = 0      (arithmetic shift, [[HwFx.leak]])
 *   2. integrate: v2 = sat_M(v1 + I), sum taken exactly   ([[HwFx.saturateSigned]], once)
 *   3. fire:      s  = v2 >= threshold
 *   4. reset:     v3 = s ? (v2 - threshold) : v2  (SUBTRACT) or  s ? 0 : v2  (ZERO)
 *
 * Ports follow ODIN's naming: `param_*` are per-layer parameters, `state_*` the neuron state,
 * `in_*` this step's input, `*_next` the state carried to the next step.
 */
class LifNeuronUnit(val p: LifParams) extends RawModule {
  override def desiredName: String = p.moduleName

  val param_threshold = IO(Input(UInt(p.thresholdWidth.W)))
  val param_leak_shift = IO(Input(UInt(p.leakShiftWidth.W)))
  val param_reset_zero = IO(Input(Bool())) // 1 = ZERO, 0 = SUBTRACT
  val state_v = IO(Input(SInt(p.membraneWidth.W)))
  val in_current = IO(Input(SInt(p.currentWidth.W)))
  val state_v_next = IO(Output(SInt(p.membraneWidth.W)))
  val spike = IO(Output(Bool()))

  private val leaked = HwFx.leak(state_v, param_leak_shift)
  private val integrated = HwFx.saturateSigned(leaked +& in_current, p.membraneWidth)
  private val threshold = param_threshold.zext // positive, M bits signed
  private val fired = integrated >= threshold
  // v2 >= threshold > 0, so v2 - threshold lies in 0..max-1: the M-bit difference cannot wrap.
  private val afterReset = Mux(param_reset_zero, 0.S(p.membraneWidth.W), integrated -% threshold)

  spike := fired
  state_v_next := Mux(fired, afterReset, integrated)
}

/**
 * The same time step as [[LifNeuronUnit]], pipelined: inputs (parameters included) are taken at
 * every rising edge of `clock` and their results appear on the outputs [[LifNeuronPipe.Latency]]
 * edges later, one result per clock. Hardware twin of `Lif.step` with that latency; the stages are
 *
 *   1. leak:                 v1 = leak(v, k)                              -> register
 *   2. integrate, exactly:   s  = v1 + I   (max(M, C) + 1 bits, no wrap)  -> register
 *   3. saturate, fire, reset from the exact sum, three carry chains side by side:
 *        v2 = sat_M(s),  fire = s >= threshold,  d = s - threshold        -> register (outputs)
 *      v3 = fire ? (ZERO ? 0 : (s > max ? max - threshold : d)) : v2.
 *
 * Stage 3 equals Lif.step's "saturate, then compare, then subtract" because 1 <= threshold <= max:
 * s > max gives v2 = max >= threshold (fires, v2 - threshold = max - threshold); s < min gives
 * v2 = min < threshold (no spike); otherwise v2 = s. Checked exhaustively at M = 8, C = 8 against
 * the golden model (LifNeuronPipeTest). No reset: the registers carry data only, a user tracks
 * which results are valid.
 */
class LifNeuronPipe(val p: LifParams) extends RawModule {
  override def desiredName: String = p.pipeModuleName

  val clock = IO(Input(Clock()))
  val param_threshold = IO(Input(UInt(p.thresholdWidth.W)))
  val param_leak_shift = IO(Input(UInt(p.leakShiftWidth.W)))
  val param_reset_zero = IO(Input(Bool())) // 1 = ZERO, 0 = SUBTRACT
  val state_v = IO(Input(SInt(p.membraneWidth.W)))
  val in_current = IO(Input(SInt(p.currentWidth.W)))
  val state_v_next = IO(Output(SInt(p.membraneWidth.W)))
  val spike = IO(Output(Bool()))

  private val M = p.membraneWidth
  withClock(clock) {
    // stage 1: leak
    val s1Leaked = Reg(SInt(M.W))
    s1Leaked := HwFx.leak(state_v, param_leak_shift)
    val s1Current = RegNext(in_current)
    val s1Threshold = RegNext(param_threshold)
    val s1Zero = RegNext(param_reset_zero)
    // stage 2: the exact sum
    val s2Sum = Reg(SInt(p.sumWidth.W))
    s2Sum := s1Leaked +& s1Current
    val s2Threshold = RegNext(s1Threshold)
    val s2Zero = RegNext(s1Zero)
    // stage 3: saturate, fire and reset side by side
    val threshold = s2Threshold.zext // positive, M bits signed
    val integrated = HwFx.saturateSigned(s2Sum, M)
    val over = s2Sum > HwFx.signedMax(M).S
    val fired = s2Sum >= threshold
    // fired and not over: threshold <= s <= max, so s - threshold lies in 0..max-1 (M bits, no wrap)
    val difference = (s2Sum -% threshold)(M - 1, 0).asSInt
    val maxLessThreshold = HwFx.signedMax(M).S(M.W) -% threshold
    val afterReset = Mux(s2Zero, 0.S(M.W), Mux(over, maxLessThreshold, difference))
    val s3V = Reg(SInt(M.W))
    s3V := Mux(fired, afterReset, integrated)
    state_v_next := s3V
    spike := RegNext(fired)
  }
}

object LifNeuronPipe {
  /** Clock edges from the inputs to the outputs. */
  val Latency: Int = 3
}
