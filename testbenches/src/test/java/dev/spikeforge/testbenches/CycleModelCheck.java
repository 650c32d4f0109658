package dev.spikeforge.testbenches;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.compiler.cycles.CycleModel;
import dev.spikeforge.compiler.cycles.SampleClocks;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.sim.Trace;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwMemory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks {@link CycleModel} against the clocks a verification measured, with the simulator runs
 * the verification already made (no extra build or run). Full-rate streams (stall seed 0): every
 * sample's first-beat-to-output clocks and every run's total clocks must be equal. With random
 * stalls: every output beat and every run's end must come no earlier than the model says.
 */
final class CycleModelCheck {
  private CycleModelCheck() {}

  /** Runs of the model per batch; its time is the fastest. */
  private static final int TIMING_RUNS = 3;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  /**
   * What one check compared.
   *
   * @param differences one line per sample or run that disagrees
   * @param samplesCompared samples compared, over all simulators
   * @param model the model's timeline of the samples (runs of {@link CoreVerifier#BATCH} concatenated)
   * @param modelNanos CPU time of the cycle model alone (the fastest of a few runs)
   * @param goldenNanos CPU time of the golden model's traces the cycle model reads
   */
  record Outcome(List<String> differences, long samplesCompared, List<SampleClocks> model, long modelNanos,
      long goldenNanos) {}

  static Outcome check(BuildDirectory.Loaded b, List<StimulusFile.Sample> samples, CoreVerifier.Report report,
      int stallSeed) {
    HwCore core = b.core();
    IntSimulator golden = new IntSimulator(b.network());
    long loadBeats = 0;
    for (HwMemory m : LoadBeats.select(core, LoadBeats.SPRAM)) {
      loadBeats += m.depth();
    }
    List<SampleClocks> model = new ArrayList<>();
    long modelCycles = 0;
    long nanos = 0;
    long goldenNanos = 0;
    for (int from = 0; from < samples.size(); from += CoreVerifier.BATCH) {
      List<Trace> traces = new ArrayList<>();
      List<SpikeRaster> inputs = new ArrayList<>();
      long g0 = CPU.getCurrentThreadCpuTime();
      for (StimulusFile.Sample s : samples.subList(from, Math.min(samples.size(), from + CoreVerifier.BATCH))) {
        traces.add(golden.runTraced(s.spikes(), b.networkHash()));
        inputs.add(s.spikes());
      }
      goldenNanos += CPU.getCurrentThreadCpuTime() - g0;
      List<SampleClocks> run = null;
      long best = Long.MAX_VALUE;
      for (int rep = 0; rep < TIMING_RUNS; rep++) { // the fastest of a few runs: the JIT warms up in the first
        long t0 = CPU.getCurrentThreadCpuTime();
        run = CycleModel.timeline(core, traces, inputs, loadBeats);
        best = Math.min(best, CPU.getCurrentThreadCpuTime() - t0);
      }
      nanos += best;
      model.addAll(run);
      modelCycles += run.get(run.size() - 1).harnessEnd();
    }
    List<String> diffs = new ArrayList<>();
    long compared = 0;
    for (CoreVerifier.SimulatorResult r : report.results()) {
      for (int k = 0; k < samples.size(); k++) {
        SampleClocks m = model.get(k);
        if (stallSeed == 0 && r.sampleCycles()[k] != m.harnessClocks()) {
          diffs.add(r.simulator() + " sample " + k + ": " + r.sampleCycles()[k] + " clocks from first beat to output,"
              + " the cycle model says " + m.harnessClocks() + " (" + m + ")");
        } else if (stallSeed != 0 && r.outCycles()[k] < m.out()) {
          diffs.add(r.simulator() + " sample " + k + " (stall seed " + stallSeed + "): output beat at clock "
              + r.outCycles()[k] + ", before the cycle model's lower bound " + m.out());
        }
        compared++;
      }
      if (stallSeed == 0 ? r.cycles() != modelCycles : r.cycles() < modelCycles) {
        diffs.add(r.simulator() + ": the runs took " + r.cycles() + " clocks, the cycle model says "
            + (stallSeed == 0 ? "" : "at least ") + modelCycles);
      }
    }
    return new Outcome(diffs, compared, List.copyOf(model), nanos, goldenNanos);
  }
}
