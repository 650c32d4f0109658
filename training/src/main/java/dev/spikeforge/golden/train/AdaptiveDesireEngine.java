package dev.spikeforge.golden.train;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.util.Map;

/**
 * Desire training on a team of threads when that is faster, else on one thread, chosen from the
 * wall-clock time of the samples as they are trained: a team needs every member on a core at each of
 * its barriers, which an idle machine gives (1.7–1.9× on two cores at 784-1000-100-10) and a busy one
 * does not (there a team of two was half as fast as one thread). It starts on the team; after
 * {@value #WARM_UP} samples it times {@value #WINDOW} samples on the team and {@value #WINDOW} on one
 * thread and keeps the faster, and every {@value #PERIOD} samples it times both again (the load of a
 * machine changes). Both engines train the same weights and give the same bits for every sample (the
 * team's result never depends on its size), so only the speed depends on the choice.
 */
final class AdaptiveDesireEngine implements TrainingEngine {
  /** Samples before the first measurement (JIT compilation). */
  static final int WARM_UP = 256;
  /** Samples timed per mode in one comparison. */
  static final int WINDOW = 128;
  /** Samples between the starts of two comparisons. */
  static final int PERIOD = 8192;
  /** The team is kept unless one thread is faster by more than this fraction. */
  private static final double MARGIN = 0.05;

  private final DesireEngine team;
  private final DesireEngine solo;
  private final int window;
  private final int period;
  /** Samples trained since the last comparison started (negative: warm-up still running). */
  private long phase;
  private boolean useTeam = true;
  private long teamNanos;
  private long soloNanos;

  /** Trains with {@code team} (a team of two or more) or with a one-thread twin sharing its weights. */
  AdaptiveDesireEngine(DesireEngine team) {
    this(team, WARM_UP, WINDOW, PERIOD);
  }

  /** With another schedule (tests: switching every few samples). */
  AdaptiveDesireEngine(DesireEngine team, int warmUp, int window, int period) {
    if (team.workers < 2) {
      throw new IllegalArgumentException("an adaptive engine needs a team of at least two threads");
    }
    if (warmUp < 0 || window < 1 || period < 2 * window) {
      throw new IllegalArgumentException("schedule " + warmUp + ", " + window + ", " + period);
    }
    this.team = team;
    this.solo = team.soloTwin();
    this.phase = -warmUp;
    this.window = window;
    this.period = period;
  }

  /** Whether the next sample is trained on the team. */
  boolean onTeam() {
    return phase < 0 || phase >= 2 * window ? useTeam : phase < window;
  }

  @Override
  public SampleOutcome train(SpikeRaster input, int label, int epoch, long position) {
    boolean onTeam = onTeam();
    long t0 = System.nanoTime();
    SampleOutcome o = (onTeam ? team : solo).train(input, label, epoch, position);
    long ns = System.nanoTime() - t0;
    if (phase >= 0 && phase < 2 * window) {
      if (onTeam) {
        teamNanos += ns;
      } else {
        soloNanos += ns;
      }
    }
    phase++;
    if (phase == 2 * window) {
      useTeam = soloNanos >= teamNanos * (1 - MARGIN);
      teamNanos = 0;
      soloNanos = 0;
    } else if (phase == period) {
      phase = 0;
    }
    return o;
  }

  @Override
  public String rule() {
    return team.rule();
  }

  @Override
  public String precision() {
    return team.precision();
  }

  @Override
  public Map<String, Object> describe() {
    return team.describe();
  }

  @Override
  public int timesteps() {
    return team.timesteps();
  }

  @Override
  public double learningRate(int epoch) {
    return team.learningRate(epoch);
  }

  @Override
  public FloatNetwork floatNetwork() {
    return team.floatNetwork();
  }

  @Override
  public NetworkSpec intNetwork() {
    return team.intNetwork();
  }

  @Override
  public EvalReport evaluate(Dataset test, SpikeEncoder encoder, int threads) {
    return team.evaluate(test, encoder, threads);
  }

  @Override
  public byte[] state() {
    return team.state();
  }

  @Override
  public void restore(byte[] state) {
    team.restore(state);
  }

  @Override
  public long epochOrderSeed(long seed, int epoch) {
    return team.epochOrderSeed(seed, epoch);
  }

  @Override
  public void close() {
    try {
      solo.close();
    } finally {
      team.close();
    }
  }
}
