package dev.spikeforge.hwgen

import chisel3._
import chisel3.util.{log2Ceil, PopCount, PriorityEncoder}

/**
 * The readout decision rules over the output spike counts, combinational. Hardware twin of
 * `dev.spikeforge.golden.sim.Readout`:
 *
 *   - out_argmax / out_unique_max: `Readout.argmax` (lowest index on ties) and `Readout.uniqueMax`;
 *   - out_first_valid / out_first / out_first_unique: `Readout.firstToReach` (the lowest-index neuron
 *     that spiked this step, `in_spiked` bit k, and whose count has reached `param_decision_count`;
 *     out_first = 0 and out_first_valid = 0 when there is none) and `Readout.reachedCount == 1`.
 */
class ReadoutUnit(val outputs: Int, val countWidth: Int) extends RawModule {
  require(outputs >= 1, s"outputs must be positive, got $outputs")
  require(countWidth >= 1, s"countWidth must be positive, got $countWidth")
  override def desiredName: String = s"ReadoutUnit_n${outputs}_c$countWidth"

  val indexWidth: Int = math.max(1, log2Ceil(outputs))
  val in_counts = IO(Input(Vec(outputs, UInt(countWidth.W))))
  val in_spiked = IO(Input(UInt(outputs.W)))
  val param_decision_count = IO(Input(UInt(ReadoutUnit.DecisionCountWidth.W)))
  val out_argmax = IO(Output(UInt(indexWidth.W)))
  val out_unique_max = IO(Output(Bool()))
  val out_first_valid = IO(Output(Bool()))
  val out_first = IO(Output(UInt(indexWidth.W)))
  val out_first_unique = IO(Output(Bool()))

  /** Tree of (count, index) pairs keeping the left one unless the right one is strictly larger. */
  private def best(items: Seq[(UInt, UInt)]): (UInt, UInt) =
    if (items.size == 1) items.head
    else {
      val (l, r) = items.splitAt(items.size / 2)
      val (lc, li) = best(l)
      val (rc, ri) = best(r)
      val right = rc > lc
      (Mux(right, rc, lc), Mux(right, ri, li))
    }

  private val (maxCount, maxIndex) = best(in_counts.zipWithIndex.map { case (c, k) => (c, k.U(indexWidth.W)) })
  out_argmax := maxIndex
  out_unique_max := PopCount(in_counts.map(_ === maxCount)) === 1.U

  private val reached = VecInit(in_counts.zipWithIndex.map { case (c, k) =>
    in_spiked(k) && c >= param_decision_count
  })
  out_first_valid := reached.asUInt.orR
  out_first := Mux(reached.asUInt.orR, PriorityEncoder(reached.asUInt), 0.U) // 0 when nobody reached K
  out_first_unique := PopCount(reached) === 1.U
}

object ReadoutUnit {
  /** Bits of the decision count K (1..255). */
  val DecisionCountWidth: Int = 8
}
