package dev.spikeforge.hwgen.board

import chisel3.{Data, RawModule, SInt}
import chisel3.experimental.SourceInfo
import chisel3.reflect.DataMirror
import circt.stage.ChiselStage
import dev.spikeforge.golden.files.AtomicFiles
import dev.spikeforge.hwgen.{GeneratedModule, HwGen, HwPort}
import java.nio.file.Path
import java.util.{List => JList}
import scala.jdk.CollectionConverters._

/**
 * The Java-facing entry point for board-level hardware: UART top levels, the link protocol's
 * parameters and timing wrappers. Like [[HwGen]], every method takes and returns only Java types (or
 * plain case classes of them, constructed from Java with `new`), and every file is written
 * atomically and byte-identically for the same parameters, with HwGen's firtool options.
 */
object BoardGen {

  /** Clock cycles per UART bit; see [[UartTiming.divisor]]. */
  def uartDivisor(clockHz: Long, baud: Int): Int = UartTiming.divisor(clockHz, baud)

  /**
   * The link protocol version of the board top around a core with these widths: 2 for a core that only
   * infers, 3 for a learning core ([[LinkProtocol.version]]).
   */
  def linkProtocolVersion(core: CoreStreamParams): Int = LinkProtocol.version(core)

  /** Every frame of the link protocol for a core with these widths, commands first. */
  def linkFrames(core: CoreStreamParams): JList[LinkFrame] = LinkProtocol.frames(core)

  /** Every frame of the link protocol of a pixel-input top (version 4) around a core with these widths. */
  def linkFrames(core: CoreStreamParams, pixels: PixelInputParams): JList[LinkFrame] = LinkProtocol.frames(core, pixels)

  /**
   * Writes `<outDir>/<p.name>.sv`: the UART board top around the black-box core `p.coreModule`,
   * whose Verilog must be supplied next to it (the flow reads every file of the directory).
   */
  def emitUartBoardTop(p: UartBoardTopParams, outDir: Path): GeneratedModule =
    emit(new UartBoardTop(p), outDir)

  /**
   * Writes `<outDir>/LockResetProbe<bits>.sv`: [[LockReset]] alone with its pins (`clk`, `lock` in,
   * `held` out), for testing the reset a PLL top holds until lock.
   */
  def emitLockResetProbe(bits: Int, outDir: Path): GeneratedModule =
    emit(new LockResetProbe(bits), outDir)

  /** Writes `<outDir>/<name>.sv`: the UART echo diagnostic ([[UartEcho]]). */
  def emitUartEcho(name: String, clockHz: Long, baud: Int, probes: Boolean, outDir: Path): GeneratedModule =
    emit(new UartEcho(name, UartTiming.divisor(clockHz, baud), probes), outDir)

  /**
   * Writes `<outDir>/<inner.moduleName>_scan.sv`: [[ScanWrapper]] around `inner` (instantiated by
   * name; `inner.verilog` must be read with it).
   */
  def emitScanWrapper(inner: GeneratedModule, outDir: Path): GeneratedModule =
    emit(new ScanWrapper(inner.moduleName + "_scan", inner.moduleName, inner.ports.asScala.toSeq), outDir)

  private[board] def emit[M <: RawModule](gen: => M, outDir: Path): GeneratedModule = {
    var top: Option[M] = None
    val verilog = ChiselStage.emitSystemVerilog(
      { val m = gen; top = Some(m); m },
      Array.empty[String],
      HwGen.firtoolOptions())
    val module = top.getOrElse(throw new IllegalStateException("elaboration produced no module"))
    val file = outDir.resolve(module.name + ".sv")
    AtomicFiles.writeString(file, withoutFileList(verilog))
    GeneratedModule(module.name, file, portsOf(module).asJava)
  }

  /**
   * firtool appends the list of inline black-box files (`firrtl_black_box_resource_files.f`) after
   * their contents when it writes one file; that list is not Verilog, so it is cut off. The inline
   * modules themselves stay in the file.
   */
  private def withoutFileList(verilog: String): String = {
    val marker = verilog.indexOf("// ----- 8< ----- FILE \"firrtl_black_box_resource_files.f\"")
    if (marker < 0) verilog else verilog.substring(0, marker).stripTrailing() + "\n"
  }

  private def portsOf(module: RawModule): Seq[HwPort] = {
    implicit val si: SourceInfo = chisel3.experimental.UnlocatableSourceInfo
    // every ground-type leaf, named as in Verilog (in_bits_index, out_bits_counts_0, ...)
    DataMirror.fullModulePorts(module).collect { case (name, e: chisel3.Element) => portOf(name, e) }
  }

  private def portOf(name: String, data: Data): HwPort = data match {
    case e: chisel3.Element =>
      val input = DataMirror.directionOf(e) == chisel3.ActualDirection.Input
      HwPort(name, e.getWidth, e.isInstanceOf[SInt], input)
    case other =>
      throw new IllegalStateException(s"port $name is a ${other.getClass.getSimpleName}, not a ground type")
  }
}
