package dev.spikeforge.hwgen.board

import chisel3._
import chisel3.util.HasBlackBoxInline

/**
 * Holds `reset` high for the first 2^(bits-1) clock cycles after configuration. iCE40 flip-flops
 * start at 0 after configuration and Yosys keeps the Verilog initial value 0, so no reset pin is
 * needed; simulators honour the same initial value. Chisel has no way to give a register an initial
 * value without a reset, hence this small Verilog module.
 */
class PowerOnReset(bits: Int) extends BlackBox with HasBlackBoxInline {
  require(bits >= 2 && bits <= 16, s"power-on reset counter width must be in 2..16, got $bits")
  val io = IO(new Bundle {
    val clk = Input(Clock())
    val reset = Output(Bool())
  })
  override def desiredName: String = s"SpikeforgePowerOnReset$bits"
  setInline(desiredName + ".v",
    s"""// Power-on reset: high until the counter's top bit sets, 2^${bits - 1} cycles after configuration.
       |module $desiredName(input clk, output reset);
       |  reg [${bits - 1}:0] count = ${bits}'d0;
       |  assign reset = !count[${bits - 1}];
       |  always @(posedge clk)
       |    if (!count[${bits - 1}])
       |      count <= count + ${bits}'d1;
       |endmodule
       |""".stripMargin)
}
