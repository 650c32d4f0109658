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
