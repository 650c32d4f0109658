package dev.spikeforge.boards.flow;

import dev.spikeforge.toolchain.Tools;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Options of {@link BitstreamFlow}. Immutable; start from {@link #defaults()} and change with the
 * {@code with*} methods.
 *
 * @param targetMhz       timing constraint for nextpnr ({@code bitstream --target-mhz}); 0 = the core clock
 * @param seed            nextpnr's placement seed (fixed, so results repeat)
 * @param allowTimingFail pass {@code --timing-allow-fail}: write a bitstream even if the target is
 *                        missed (the timing report still says so)
 * @param pinMap          top-level port → board signal, for ports not named after a board signal
 * @param useDsp          let Yosys map multipliers to DSP blocks on parts that have them
 * @param toggleRate      activity assumed by the power estimate
 * @param powerClockMhz   clock for the power estimate; 0 = the core clock
 * @param toolTimeout     longest run of one tool
 * @param tools           where the tools are looked up
 * @param coreClock       the clock the design's logic runs on, when its top makes it with the PLL
 *                        ({@link CoreClock}): the timing target, the power estimate and the timing
 *                        report follow it; empty = the board clock
 * @param abc9            synthesise with {@code synth_ice40 -abc9} (Yosys' timing-driven ABC9 LUT mapping),
 *                        which packs fewer logic cells; the learning cores' builds only (see docs/hardware.md
 *                        §7.3), so every inference build, and its cost baseline, keeps the plain flow
 * @param reuseSynthesis  keep Yosys' netlist when the synthesis script, every file of the Verilog directory and
 *                        the Yosys version are byte for byte those of the netlist already in the work directory
 *                        (a content key beside it, {@code synth.key}): another placement seed of the same design
 *                        then runs nextpnr only. Off by default: each run synthesizes
 */
public record FlowOptions(double targetMhz, int seed, boolean allowTimingFail, Map<String, String> pinMap,
    boolean useDsp, double toggleRate, double powerClockMhz, Duration toolTimeout, Tools tools,
    Optional<CoreClock> coreClock, boolean abc9, boolean reuseSynthesis) {

  public FlowOptions {
    if (!(targetMhz >= 0) || targetMhz > 1000) {
      throw new IllegalArgumentException("targetMhz must be in 0..1000 (0 = board clock), got " + targetMhz);
    }
    if (!(toggleRate > 0 && toggleRate <= 1)) {
      throw new IllegalArgumentException("toggleRate must be in (0, 1], got " + toggleRate);
    }
    if (!(powerClockMhz >= 0)) {
      throw new IllegalArgumentException("powerClockMhz must be >= 0 (0 = board clock), got " + powerClockMhz);
    }
    if (toolTimeout == null || toolTimeout.isNegative() || toolTimeout.isZero()) {
      throw new IllegalArgumentException("toolTimeout must be positive");
    }
    pinMap = java.util.Collections.unmodifiableMap(new TreeMap<>(pinMap));
    if (tools == null) {
      throw new IllegalArgumentException("tools must not be null");
    }
    if (coreClock == null) {
      throw new IllegalArgumentException("coreClock must not be null (Optional.empty() = the board clock)");
    }
  }

  /** Board clock as target, seed 1, timing must be met, DSPs used, toggle rate 0.125, 10 min per tool. */
  public static FlowOptions defaults() {
    return new FlowOptions(0, 1, false, Map.of(), true, PowerModel.DEFAULT_TOGGLE_RATE, 0,
        Duration.ofMinutes(10), Tools.system(), Optional.empty(), false, false);
  }

  public FlowOptions withTargetMhz(double mhz) {
    return new FlowOptions(mhz, seed, allowTimingFail, pinMap, useDsp, toggleRate, powerClockMhz,
        toolTimeout, tools, coreClock, abc9, reuseSynthesis);
  }

  public FlowOptions withSeed(int s) {
    return new FlowOptions(targetMhz, s, allowTimingFail, pinMap, useDsp, toggleRate, powerClockMhz,
        toolTimeout, tools, coreClock, abc9, reuseSynthesis);
  }

  public FlowOptions withAllowTimingFail(boolean allow) {
    return new FlowOptions(targetMhz, seed, allow, pinMap, useDsp, toggleRate, powerClockMhz, toolTimeout,
        tools, coreClock, abc9, reuseSynthesis);
  }

  public FlowOptions withPinMap(Map<String, String> map) {
    return new FlowOptions(targetMhz, seed, allowTimingFail, map, useDsp, toggleRate, powerClockMhz,
        toolTimeout, tools, coreClock, abc9, reuseSynthesis);
  }

  public FlowOptions withUseDsp(boolean use) {
    return new FlowOptions(targetMhz, seed, allowTimingFail, pinMap, use, toggleRate, powerClockMhz,
        toolTimeout, tools, coreClock, abc9, reuseSynthesis);
  }

  public FlowOptions withToggleRate(double rate) {
    return new FlowOptions(targetMhz, seed, allowTimingFail, pinMap, useDsp, rate, powerClockMhz,
        toolTimeout, tools, coreClock, abc9, reuseSynthesis);
  }

  public FlowOptions withPowerClockMhz(double mhz) {
    return new FlowOptions(targetMhz, seed, allowTimingFail, pinMap, useDsp, toggleRate, mhz, toolTimeout,
        tools, coreClock, abc9, reuseSynthesis);
  }

  public FlowOptions withToolTimeout(Duration timeout) {
    return new FlowOptions(targetMhz, seed, allowTimingFail, pinMap, useDsp, toggleRate, powerClockMhz,
        timeout, tools, coreClock, abc9, reuseSynthesis);
  }

  /** Options for a design whose logic runs on {@code clock} (see {@link #coreClock()}). */
  public FlowOptions withCoreClock(CoreClock clock) {
    return new FlowOptions(targetMhz, seed, allowTimingFail, pinMap, useDsp, toggleRate, powerClockMhz, toolTimeout,
        tools, Optional.of(clock), abc9, reuseSynthesis);
  }

  public FlowOptions withTools(Tools t) {
    return new FlowOptions(targetMhz, seed, allowTimingFail, pinMap, useDsp, toggleRate, powerClockMhz,
        toolTimeout, t, coreClock, abc9, reuseSynthesis);
  }

  /** Options whose synthesis uses {@code synth_ice40 -abc9} (see {@link #abc9()}). */
  public FlowOptions withAbc9(boolean use) {
    return new FlowOptions(targetMhz, seed, allowTimingFail, pinMap, useDsp, toggleRate, powerClockMhz, toolTimeout,
        tools, coreClock, use, reuseSynthesis);
  }

  /** Options that reuse a netlist synthesized from the same inputs (see {@link #reuseSynthesis()}). */
  public FlowOptions withReuseSynthesis(boolean reuse) {
    return new FlowOptions(targetMhz, seed, allowTimingFail, pinMap, useDsp, toggleRate, powerClockMhz, toolTimeout,
        tools, coreClock, abc9, reuse);
  }
}
