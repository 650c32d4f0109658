/**
 * The external programs spikeforge runs: Verilator, Icarus (iverilog, vvp), yosys, nextpnr-ice40,
 * icepack and the helpers they need (make, g++, stty, script).
 *
 * <p>{@link dev.spikeforge.toolchain.Tools} finds them on a search path ({@code PATH} by default, an
 * explicit one for tests), reads their versions and reports a missing one as a
 * {@link dev.spikeforge.toolchain.ToolMissingException} naming the tool and the {@code apt-get install}
 * command of the Debian package that provides it. simkit (the simulator runners under testbenches and
 * boards), boards (the FPGA flow), flow and cli ({@code info}, {@code demo}, error reporting) all use
 * this one implementation.
 *
 * <p>Why a module of its own: finding programs on a machine is no part of the numeric contract
 * (contract), of simulating or training (golden-model, training) or of compiling. A module that
 * depends on nothing keeps the dependency direction (it sits below everything) and keeps each module
 * about one thing. firtool is not here: Chisel resolves it from the llvm-firtool jar (see hw-gen's
 * {@code HwGen}).
 *
 * <p>The pinned versions live in {@code toolchain.versions} and are compared by
 * {@code scripts/check-toolchain.sh}; this package reads versions but does not compare them.
 */
package dev.spikeforge.toolchain;
