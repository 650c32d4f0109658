package dev.spikeforge.hwgen

import chisel3._
import dev.spikeforge.golden.numerics.Fx

/**
 * The pending-current slot of a delayed spike, combinational. Hardware twin of
 * `dev.spikeforge.golden.delay.DelayRing.slot`: (in_step_slot + in_delay) mod slots, with one
 * conditional subtraction, for in_step_slot < slots and in_delay < slots.
 */
class DelaySlotUnit(val slots: Int, val delayWidth: Int) extends RawModule {
  require(slots >= 1, s"slots must be positive, got $slots")
  require(delayWidth >= 1, s"delayWidth must be positive, got $delayWidth")
  override def desiredName: String = s"DelaySlotUnit_r${slots}_d$delayWidth"

  val slotWidth: Int = DelaySlotUnit.slotWidth(slots)
  val in_step_slot = IO(Input(UInt(slotWidth.W)))
  val in_delay = IO(Input(UInt(delayWidth.W)))
  val out_slot = IO(Output(UInt(slotWidth.W)))

  private val sum = in_step_slot +& in_delay
  private val wrapped = Mux(sum >= slots.U, sum - slots.U, sum)
  out_slot := wrapped(slotWidth - 1, 0)
}

object DelaySlotUnit {
  /** Bits of a slot number 0..slots−1, at least 1 (as HwLayer.slotWidth). */
  def slotWidth(slots: Int): Int = Fx.unsignedWidthFor((slots - 1).toLong)
}
