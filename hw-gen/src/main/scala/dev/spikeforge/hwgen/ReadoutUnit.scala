package dev.spikeforge.hwgen

import chisel3._
import chisel3.util.{log2Ceil, PopCount, PriorityEncoder}

/**
 * The readout decision rules over the output spike counts, pipelined: inputs are taken at every
 * rising edge of `clock` and the decisions on them appear [[ReadoutUnit.Latency]] edges later, one
 * result per clock. Hardware twin of `dev.spikeforge.golden.readout.Readout` with that latency:
 *
 *   - out_argmax / out_unique_max: `Readout.argmax` (lowest index on ties) and `Readout.uniqueMax`;
 *   - out_first_valid / out_first / out_first_unique: `Readout.firstToReach` (the lowest-index neuron
 *     that spiked this step, `in_spiked` bit k, and whose count has reached `param_decision_count`;
 *     out_first = 0 and out_first_valid = 0 when there is none) and `Readout.reachedCount == 1`.
 *
 * Stage 1 reduces blocks of up to [[ReadoutUnit.Block]] counts to (maximum, its lowest index,
 * whether it is unique in the block) and compares every count with the decision count; stage 2
 * reduces the blocks and encodes the first neuron that reached it. A (count, index, unique) tree
 * keeps the left item unless the right count is strictly larger; equal counts make the maximum not
 * unique, so uniqueness needs no second pass over the counts.
 */
class ReadoutUnit(val outputs: Int, val countWidth: Int) extends RawModule {
  require(outputs >= 1, s"outputs must be positive, got $outputs")
  require(countWidth >= 1, s"countWidth must be positive, got $countWidth")
  override def desiredName: String = s"ReadoutUnit_n${outputs}_c$countWidth"

  val indexWidth: Int = math.max(1, log2Ceil(outputs))
  val clock = IO(Input(Clock()))
  val in_counts = IO(Input(Vec(outputs, UInt(countWidth.W))))
  val in_spiked = IO(Input(UInt(outputs.W)))
  val param_decision_count = IO(Input(UInt(ReadoutUnit.DecisionCountWidth.W)))
  val out_argmax = IO(Output(UInt(indexWidth.W)))
  val out_unique_max = IO(Output(Bool()))
  val out_first_valid = IO(Output(Bool()))
  val out_first = IO(Output(UInt(indexWidth.W)))
  val out_first_unique = IO(Output(Bool()))

  /** (count, index, unique) of the maximum of `items`, lowest index on ties. */
  private def best(items: Seq[(UInt, UInt, Bool)]): (UInt, UInt, Bool) =
    if (items.size == 1) items.head
    else {
      val (l, r) = items.splitAt(items.size / 2)
      val (lc, li, lu) = best(l)
      val (rc, ri, ru) = best(r)
      val right = rc > lc
      (Mux(right, rc, lc), Mux(right, ri, li), Mux(right, ru, lu && rc =/= lc))
    }

  withClock(clock) {
    // stage 1: block maxima and the reached flags
    val blocks = in_counts.zipWithIndex.grouped(ReadoutUnit.Block).toSeq.map { block =>
      val (c, i, u) = best(block.map { case (c, k) => (c, k.U(indexWidth.W), true.B) })
      (RegNext(c.pad(countWidth)), RegNext(i.pad(indexWidth)), RegNext(u))
    }
    val reached = Reg(UInt(outputs.W))
    reached := VecInit(in_counts.zipWithIndex.map { case (c, k) => in_spiked(k) && c >= param_decision_count }).asUInt
    // stage 2: the maximum over the blocks; the first neuron that reached K
    val (_, maxIndex, maxUnique) = best(blocks)
    out_argmax := RegNext(maxIndex)
    out_unique_max := RegNext(maxUnique)
    out_first_valid := RegNext(reached.orR)
    out_first := RegNext(Mux(reached.orR, PriorityEncoder(reached), 0.U)) // 0 when nobody reached K
    out_first_unique := RegNext(PopCount(reached) === 1.U)
  }
}

object ReadoutUnit {
  /** Bits of the decision count K (1..255). */
  val DecisionCountWidth: Int = 8

  /** Clock edges from the inputs to the outputs. */
  val Latency: Int = 2

  /** Counts reduced per block in stage 1. */
  val Block: Int = 4
}
