package dev.spikeforge.hwgen.board

import chisel3._
import chisel3.util._
import dev.spikeforge.hwgen.HwPort
import scala.collection.immutable.SeqMap

/** The ports of a Verilog module, as a Chisel record (for a black box of any shape). */
private[board] class PortRecord(ports: Seq[HwPort]) extends Record {
  val elements: SeqMap[String, Data] = SeqMap(ports.map { p =>
    val t = UInt(p.width.W)
    p.name -> (if (p.input) Input(t) else Output(t))
  }: _*)
}

private[board] class PortBlackBox(moduleName: String, ports: Seq[HwPort]) extends BlackBox {
  override def desiredName: String = moduleName
  val io = IO(new PortRecord(ports))
}

/**
 * Timing wrapper for a combinational block with many ports (e.g. a LifNeuronUnit): an input shift
 * register fed from `scan_in` drives every input of the block, every output is registered, and the
 * output register is loaded into a shift register that drains to `scan_out`. So every path of the
 * block runs register to register, nextpnr's Fmax is the block's own, nothing can be optimised
 * away, and the design needs three pins (`clk`, `scan_in`, `scan_out`) on any board.
 *
 * Adds (inputs + 2 * outputs) flip-flops and a small load counter around the block; figures
 * measured on it include these.
 */
class ScanWrapper(name: String, innerModule: String, ports: Seq[HwPort]) extends RawModule {
  require(ports.exists(_.input) && ports.exists(!_.input), s"module $innerModule needs inputs and outputs")
  override def desiredName: String = name

  val clk = IO(Input(Clock()))
  val scan_in = IO(Input(Bool()))
  val scan_out = IO(Output(Bool()))

  private val inner = Module(new PortBlackBox(innerModule, ports))
  private val ins = ports.filter(_.input)
  private val outs = ports.filterNot(_.input)
  private val inBits = ins.map(_.width).sum
  private val outBits = outs.map(_.width).sum

  withClock(clk) {
    val shiftIn = Reg(UInt(inBits.W))
    shiftIn := (if (inBits == 1) scan_in.asUInt else Cat(shiftIn(inBits - 2, 0), scan_in))
    var offset = 0
    for (p <- ins) {
      inner.io.elements(p.name) := shiftIn(offset + p.width - 1, offset)
      offset += p.width
    }

    val captured = Reg(UInt(outBits.W))
    captured := Cat(outs.reverse.map(p => inner.io.elements(p.name).asUInt))

    val shiftOut = Reg(UInt(outBits.W))
    val count = Reg(UInt(log2Ceil(outBits + 1).W))
    val load = count === 0.U
    count := Mux(load, (outBits - 1).U, count - 1.U)
    shiftOut := Mux(load, captured, shiftOut >> 1)
    scan_out := shiftOut(0)
  }
}
