package dev.spikeforge.hwgen.board

import chisel3._
import chisel3.experimental.{IntParam, StringParam}
import chisel3.util.HasBlackBoxInline
import scala.collection.immutable.SeqMap

/**
 * Dividers of the iCE40 PLL in SIMPLE feedback mode: `f_out = f_in / (divr+1) * (divf+1) / 2^divq`.
 * The values come from the host's PLL calculator (`dev.spikeforge.boards.flow.Ice40Pll`, icepll's
 * search); this class only carries them into the hardware.
 *
 * @param pad         the board clock arrives on the PLL's own pad: `SB_PLL40_PAD` (input
 *                    `PACKAGEPIN`); otherwise `SB_PLL40_CORE` takes it from the fabric (`REFERENCECLK`)
 * @param divr        reference divider, 0..15
 * @param divf        feedback divider, 0..127
 * @param divq        output divider, 1..6
 * @param filterRange loop filter, 1..6
 */
final case class SbPll40Params(pad: Boolean, divr: Int, divf: Int, divq: Int, filterRange: Int) {
  require(divr >= 0 && divr <= 15, s"PLL DIVR must be in 0..15, got $divr")
  require(divf >= 0 && divf <= 127, s"PLL DIVF must be in 0..127, got $divf")
  require(divq >= 1 && divq <= 6, s"PLL DIVQ must be in 1..6, got $divq")
  require(filterRange >= 1 && filterRange <= 6, s"PLL FILTER_RANGE must be in 1..6, got $filterRange")

  /** The iCE40 primitive's name. */
  def primitive: String = if (pad) "SB_PLL40_PAD" else "SB_PLL40_CORE"

  /** The primitive's reference clock input. */
  def referencePort: String = if (pad) "PACKAGEPIN" else "REFERENCECLK"
}

/** The PLL's ports that the board top uses; the reference input is named after the primitive. */
final class SbPll40IO(referencePort: String) extends Record {
  val reference: Clock = Input(Clock())
  val PLLOUTGLOBAL: Clock = Output(Clock())
  val LOCK: Bool = Output(Bool())
  val RESETB: Bool = Input(Bool())
  val BYPASS: Bool = Input(Bool())
  override val elements: SeqMap[String, Data] = SeqMap(
    referencePort -> reference, "PLLOUTGLOBAL" -> PLLOUTGLOBAL, "LOCK" -> LOCK, "RESETB" -> RESETB, "BYPASS" -> BYPASS)
}

/**
 * The iCE40 PLL (`SB_PLL40_PAD` or `SB_PLL40_CORE`), instantiated by name with SIMPLE feedback and
 * the output on a global buffer (`PLLOUTGLOBAL`). Yosys (`synth_ice40`) maps it to the hard PLL;
 * simulators read the behavioural model written next to it (guarded by `ifndef SYNTHESIS`, which
 * Yosys defines): the output clock is the reference clock itself, since a cycle-based simulation
 * has no time base for a frequency change, and `LOCK` rises after 4 reference edges (falls with
 * `RESETB`), so the lock-held reset of the board top is exercised.
 */
class SbPll40(val p: SbPll40Params) extends BlackBox(Map(
  "FEEDBACK_PATH" -> StringParam("SIMPLE"),
  "DIVR" -> IntParam(p.divr),
  "DIVF" -> IntParam(p.divf),
  "DIVQ" -> IntParam(p.divq),
  "FILTER_RANGE" -> IntParam(p.filterRange))) with HasBlackBoxInline {
  override def desiredName: String = p.primitive
  val io = IO(new SbPll40IO(p.referencePort))
  setInline(p.primitive + ".v", SbPll40.model(p.primitive, p.referencePort))
}

object SbPll40 {
  /** The simulation model of `primitive` with its reference input `referencePort`. */
  private[board] def model(primitive: String, referencePort: String): String =
    s"""`ifndef SYNTHESIS
       |// Simulation model of the iCE40 PLL $primitive, written by spikeforge (hw-gen SbPll40) for the
       |// simulators (Icarus, Verilator): PLLOUTGLOBAL is the reference clock itself (a cycle-based simulation
       |// has no time base for the frequency change; the dividers are only carried), and LOCK rises
       |// 4 reference edges after RESETB is high. Yosys defines SYNTHESIS, so synthesis never sees
       |// this module and maps the instance to the hard PLL.
       |/* verilator lint_off UNUSEDPARAM */
       |/* verilator lint_off UNUSEDSIGNAL */
       |module $primitive #(
       |  parameter FEEDBACK_PATH = "SIMPLE",
       |  parameter [3:0] DIVR = 4'd0,
       |  parameter [6:0] DIVF = 7'd0,
       |  parameter [2:0] DIVQ = 3'd1,
       |  parameter [2:0] FILTER_RANGE = 3'd1
       |) (
       |  input $referencePort,
       |  output PLLOUTGLOBAL,
       |  output LOCK,
       |  input RESETB,
       |  input BYPASS
       |);
       |  reg [2:0] lock_count = 3'd0;
       |  assign PLLOUTGLOBAL = $referencePort;
       |  assign LOCK = lock_count[2];
       |  always @(posedge $referencePort)
       |    if (!RESETB)
       |      lock_count <= 3'd0;
       |    else if (!lock_count[2])
       |      lock_count <= lock_count + 3'd1;
       |endmodule
       |/* verilator lint_on UNUSEDSIGNAL */
       |/* verilator lint_on UNUSEDPARAM */
       |`endif
       |""".stripMargin
}

/**
 * Holds `reset` high while the PLL is not locked and for 2^(bits-1) core clock cycles after it
 * locks; `lock` (asynchronous to the core clock) passes two synchronising flip-flops first. Like
 * [[PowerOnReset]], the registers start at 0 after configuration, so no reset pin is needed.
 */
class LockReset(bits: Int) extends BlackBox with HasBlackBoxInline {
  require(bits >= 2 && bits <= 16, s"lock reset counter width must be in 2..16, got $bits")
  val io = IO(new Bundle {
    val clk = Input(Clock())
    val lock = Input(Bool())
    val reset = Output(Bool())
  })
  override def desiredName: String = s"SpikeforgeLockReset$bits"
  setInline(desiredName + ".v",
    s"""// Reset until the PLL is locked and 2^${bits - 1} cycles more; lock is synchronised to clk first.
       |module $desiredName(input clk, input lock, output reset);
       |  reg [1:0] lock_sync = 2'b00;
       |  reg [${bits - 1}:0] count = ${bits}'d0;
       |  assign reset = !count[${bits - 1}];
       |  always @(posedge clk) begin
       |    lock_sync <= {lock_sync[0], lock};
       |    if (!lock_sync[1])
       |      count <= ${bits}'d0;
       |    else if (!count[${bits - 1}])
       |      count <= count + ${bits}'d1;
       |  end
       |endmodule
       |""".stripMargin)
}

/** [[LockReset]] with its pins brought out (`clk`, `lock`, `held` = its reset), for simulation tests. */
class LockResetProbe(bits: Int) extends RawModule {
  override def desiredName: String = s"LockResetProbe$bits"
  val clk = IO(Input(Clock()))
  val lock = IO(Input(Bool()))
  val held = IO(Output(Bool()))
  private val lr = Module(new LockReset(bits))
  lr.io.clk := clk
  lr.io.lock := lock
  held := lr.io.reset
}
