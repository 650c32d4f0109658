package dev.spikeforge.hwgen

import chisel3.{Data, RawModule, SInt}
import chisel3.experimental.SourceInfo
import chisel3.reflect.DataMirror
import circt.stage.ChiselStage
import dev.spikeforge.golden.files.AtomicFiles
import dev.spikeforge.golden.spec.hw.{HwCore, HwNeuron}
import java.nio.file.Path
import java.util.{List => JList}
import scala.jdk.CollectionConverters._

/**
 * One port of a generated Verilog module, read from the elaborated Chisel module.
 *
 * @param name   the Verilog port name
 * @param width  width in bits
 * @param signed whether the value is two's complement (Chisel `SInt`)
 * @param input  true for an input port, false for an output
 */
final case class HwPort(name: String, width: Int, signed: Boolean, input: Boolean)

/**
 * A Verilog file written by [[HwGen]].
 *
 * @param moduleName the top module's name (also the file's stem)
 * @param verilog    the file, one module per file
 * @param ports      the top module's ports, in declaration order
 */
final case class GeneratedModule(moduleName: String, verilog: Path, ports: JList[HwPort])

/**
 * The Java-facing entry point of hw-gen: every method uses only Java types and is called from Java
 * as a static method (`HwGen.emitLifNeuronUnit(8, 8, dir)`).
 *
 * firtool is resolved by Chisel from the llvm-firtool jar on the classpath and extracted once into
 * `$CHISEL_FIRTOOL_CACHE` if set, otherwise into the user cache directory
 * (`$XDG_CACHE_HOME/llvm-firtool`, default `~/.cache/llvm-firtool` with `~` = Java's `user.home`).
 * The Maven builds of hw-gen and testbenches set `CHISEL_FIRTOOL_CACHE` to
 * `<repo>/.spikeforge/cache/llvm-firtool`.
 *
 * Output is deterministic: the same parameters give a byte-identical file.
 */
object HwGen {

  /**
   * firtool options used for every emitted file. The lowering options keep the output readable by
   * Icarus 11 and Yosys 0.23 (no `automatic logic` locals, no packed arrays); randomization and
   * debug info are stripped so the file depends only on the design.
   */
  private val FirtoolOptions: Array[String] = Array(
    "--lowering-options=disallowLocalVariables,disallowPackedArrays",
    "-disable-all-randomization",
    "-strip-debug-info")

  /** The firtool options every file is emitted with (for manifests). */
  def firtoolOptions(): Array[String] = FirtoolOptions.clone()

  /** Chisel version that elaborates the hardware, e.g. "6.7.0". */
  def chiselVersion(): String = chisel3.BuildInfo.version

  /**
   * Version of the firtool binary Chisel runs, e.g. "1.62.1", as reported by firtool-resolver
   * (the llvm-firtool jar on the classpath, or `$CHISEL_FIRTOOL_PATH`).
   */
  def firtoolVersion(): String = {
    val expected = chisel3.BuildInfo.firtoolVersion.getOrElse(
      throw new IllegalStateException("this Chisel build does not name a firtool version"))
    firtoolresolver.Resolve(expected, false) match {
      case Right(bin) => bin.version
      case Left(err)  => throw new IllegalStateException(s"cannot resolve firtool $expected: $err")
    }
  }

  /** Module (and file stem) name of the LIF unit with these widths, e.g. "LifNeuronUnit_m8_c8". */
  def lifNeuronUnitName(membraneWidth: Int, currentWidth: Int): String =
    LifNeuronUnit.moduleName(new HwNeuron(membraneWidth, currentWidth))

  /**
   * Elaborates [[LifNeuronUnit]] for membrane width M and current width C and writes
   * `outDir/LifNeuronUnit_m<M>_c<C>.sv` atomically.
   *
   * @return the written file
   * @throws IllegalArgumentException if the widths are out of range
   */
  def emitLifNeuronUnit(membraneWidth: Int, currentWidth: Int, outDir: Path): Path =
    generateLifNeuronUnit(membraneWidth, currentWidth, outDir).verilog

  /** As [[emitLifNeuronUnit]], also returning the module name and its ports. */
  def generateLifNeuronUnit(membraneWidth: Int, currentWidth: Int, outDir: Path): GeneratedModule = {
    emit(new LifNeuronUnit(new HwNeuron(membraneWidth, currentWidth)), outDir)
  }

  /**
   * Elaborates the pipelined twin [[LifNeuronPipe]] (latency [[lifNeuronPipeLatency]] clocks, a
   * `clock` input) for membrane width M and current width C into `outDir`.
   */
  def generateLifNeuronPipe(membraneWidth: Int, currentWidth: Int, outDir: Path): GeneratedModule =
    emit(new LifNeuronPipe(new HwNeuron(membraneWidth, currentWidth)), outDir)

  /** Clock edges from a [[LifNeuronPipe]]'s inputs to its outputs. */
  def lifNeuronPipeLatency(): Int = LifNeuronPipe.Latency

  /**
   * Version of the generators' RTL: bumped whenever a generator change can alter a generated file.
   * Manifests record it; a build directory made by another generator version is stale.
   */
  val GeneratorVersion: String = "core-4"

  /** See [[GeneratorVersion]]. */
  def generatorVersion(): String = GeneratorVersion

  /**
   * Elaborates the neuron-array core [[SnnCore]] for `core` and writes `outDir/SnnCore.sv`. The RTL
   * depends only on the hardware spec; its memories load the images `core.memories()` names
   * (paths relative to the simulator's or synthesis tool's working directory, inside
   * `ifdef ENABLE_INITIAL_MEM_`).
   */
  def generateCore(core: HwCore, outDir: Path): GeneratedModule = emit(new SnnCore(core), outDir)


  /**
   * Part of the name of a memory whose read port is a register after the array (a `Mem` read into a register),
   * written so that no read ever meets a write of the same word in one clock: the iCE40 flow tells Yosys so
   * (`no_rw_check`), and the memory maps onto block RAM without the soft logic Yosys otherwise adds around it to
   * model a read that meets a write (a register and a mux per bit, on the read data's path). The Verilog
   * module firtool extracts for such a memory carries the tag in its name.
   */
  val NoRwCheckTag: String = "noRwCheck"

  /**
   * Whether the core of `core` has the load port (docs/hardware.md, "Load port"): exactly when a
   * memory needs it, i.e. some weight memory is SPRAM (which has no initial contents). Without it
   * the core has no `load_*` pins and no memory has a write path; the board top then has no LOAD frame.
   * A learning core always has it (its weights are written by the learning unit and read back).
   */
  def hasLoadPort(core: HwCore): Boolean = core.usesSpram() || core.learns

  /** Elaborates [[BinarizedSynapseUnit]] for `width` spike/weight bits into `outDir`. */
  def generateBinarizedSynapseUnit(width: Int, outDir: Path): GeneratedModule =
    emit(new BinarizedSynapseUnit(width), outDir)

  /** Elaborates [[DelaySlotUnit]] for a ring of `slots` slots and `delayWidth`-bit delays into `outDir`. */
  def generateDelaySlotUnit(slots: Int, delayWidth: Int, outDir: Path): GeneratedModule =
    emit(new DelaySlotUnit(slots, delayWidth), outDir)

  /** The twin-test fixture of [[WeightMemory]]: block-RAM and SPRAM versions of `spec` side by side. */
  def generateWeightMemoryTwin(spec: dev.spikeforge.golden.spec.hw.HwMemory, outDir: Path): GeneratedModule =
    emit(new WeightMemoryTwin(spec), outDir)

  /** Clock edges from a [[ReadoutUnit]]'s inputs to its outputs. */
  def readoutUnitLatency(): Int = ReadoutUnit.Latency

  /**
   * Elaborates [[ReadoutUnit]] (pipelined, latency [[readoutUnitLatency]] clocks, a `clock` input)
   * for `outputs` counts of `countWidth` bits into `outDir`.
   */
  def generateReadoutUnit(outputs: Int, countWidth: Int, outDir: Path): GeneratedModule =
    emit(new ReadoutUnit(outputs, countWidth), outDir)

  /** Elaborates `gen`, runs firtool and writes `<outDir>/<module>.sv` (temporary file + rename). */
  private[hwgen] def emit[M <: RawModule](gen: => M, outDir: Path): GeneratedModule = {
    var top: Option[M] = None
    val verilog = ChiselStage.emitSystemVerilog(
      { val m = gen; top = Some(m); m },
      Array.empty[String],
      FirtoolOptions)
    val module = top.getOrElse(throw new IllegalStateException("elaboration produced no module"))
    val name = module.name
    val file = outDir.resolve(name + ".sv")
    AtomicFiles.writeString(file, withoutFileList(verilog)) // creates outDir; temporary file + rename
    GeneratedModule(name, file, portsOf(module).asJava)
  }

  /** The module's ports as Verilog sees them: aggregates flattened to `name_field` leaves, in order. */
  /**
   * firtool appends the list of inline black-box files (the SPRAM model) after their contents when
   * it writes one file; that list is not Verilog, so it is cut off (as in BoardGen).
   */
  private def withoutFileList(verilog: String): String = {
    val marker = verilog.indexOf("// ----- 8< ----- FILE \"firrtl_black_box_resource_files.f\"")
    if (marker < 0) verilog else verilog.substring(0, marker).stripTrailing() + "\n"
  }

  private def portsOf(module: RawModule): Seq[HwPort] = {
    implicit val si: SourceInfo = chisel3.experimental.UnlocatableSourceInfo
    DataMirror.modulePorts(module).flatMap { case (name, data) => leaves(name, data) }
  }

  private def leaves(name: String, data: Data): Seq[HwPort] = data match {
    case e: chisel3.Element =>
      val input = DataMirror.directionOf(e) == chisel3.ActualDirection.Input
      Seq(HwPort(name, e.getWidth, e.isInstanceOf[SInt], input))
    case v: chisel3.Vec[_] =>
      v.zipWithIndex.flatMap { case (d, i) => leaves(s"${name}_$i", d) }
    case r: chisel3.Record =>
      r.elements.toSeq.reverse.flatMap { case (field, d) => leaves(s"${name}_$field", d) }
  }
}
