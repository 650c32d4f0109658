package dev.spikeforge.hwgen

import chisel3._
import chisel3.util.PopCount
import dev.spikeforge.golden.numerics.Fx

/**
 * The input current of a BINARIZED synapse chunk, combinational. Hardware twin of
 * `dev.spikeforge.golden.neuron.BinarizedSynapse.current` on one word of `width` bits:
 *
 *   current = 2 · popcount(in_spikes AND in_weights) − popcount(in_spikes)
 *
 * Weight bit 1 stands for +1, 0 for −1; the result equals Σ_i s_i · (2 b_i − 1), in −width..width.
 */
class BinarizedSynapseUnit(val width: Int) extends RawModule {
  require(width >= 1, s"width must be positive, got $width")
  override def desiredName: String = s"BinarizedSynapseUnit_b$width"

  val in_spikes = IO(Input(UInt(width.W)))
  val in_weights = IO(Input(UInt(width.W)))
  val current = IO(Output(SInt(BinarizedSynapseUnit.currentWidth(width).W)))

  private val matching = PopCount(in_spikes & in_weights)
  private val all = PopCount(in_spikes)
  // 2·matching − all lies in −width..width: exact in currentWidth bits.
  private val diff = (matching ## 0.U(1.W)).zext - all.zext
  current := diff(current.getWidth - 1, 0).asSInt
}

object BinarizedSynapseUnit {
  /** Bits of the current: every value in −width..width. */
  def currentWidth(width: Int): Int = Fx.signedWidthFor(-width.toLong, width.toLong)
}
