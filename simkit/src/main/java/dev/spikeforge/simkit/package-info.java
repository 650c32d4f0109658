/**
 * The one simulator kit of spikeforge, in the style of cocotb's runner.
 *
 * <p>A {@link dev.spikeforge.simkit.Runner} ({@link dev.spikeforge.simkit.VerilatorRunner},
 * {@link dev.spikeforge.simkit.IcarusRunner}) compiles a {@link dev.spikeforge.simkit.Bench} (the
 * design's Verilog plus a harness) with one strict flag set: Verilator {@code -Wall} with the single
 * waiver file {@code verilator_waivers.vlt}, Icarus {@code -g2012 -Wall}; any warning fails the build.
 * The {@link dev.spikeforge.simkit.Build} it returns runs simulations under a timeout, to the end or as
 * a conversation on stdin/stdout. Underneath are the one process runner
 * ({@link dev.spikeforge.simkit.ProcessRunner}), the harness template helper
 * ({@link dev.spikeforge.simkit.Template}), the build cache ({@link dev.spikeforge.simkit.BuildKey}) and
 * the one exception type ({@link dev.spikeforge.simkit.SimulationException}).
 *
 * <p>The harnesses sit on top: testbenches' vector and stream harnesses and boards' pin harness each
 * generate a driver and monitor (the C++ main or Verilog testbench), run it through a runner, and
 * compare what the monitor saw with a reference model in a checker of their own. A new simulator is a
 * new {@code Runner}; a new harness needs nothing here.
 *
 * <p>Depends on toolchain only (to find the tools), so both testbenches and boards can use it.
 */
package dev.spikeforge.simkit;
