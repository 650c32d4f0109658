package dev.spikeforge.golden.train;

import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.learning.DropoutMask;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.readout.Readout;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sample loop of desire backpropagation shared by the float and the integer engine; the
 * subclasses supply the arithmetic (calling {@code learning.DesireBackprop} or {@code
 * learning.DesireBackpropInt}). Per sample:
 *
 * <ol>
 *   <li>dropout masks from the LFSR stream of (epoch, position);
 *   <li>the forward pass, layer by layer over all T steps: layer 0 reads the input of step t, layer
 *       l ≥ 1 the spikes of layer l−1 at step t−D (D = 1: the one-step delay of the reference code), all of
 *       which are known once layer l−1 is done. A large layer is split into neuron ranges, one per
 *       worker of the team, with no synchronisation inside the layer;
 *   <li>with early exit ({@link DesireConfig#earlyExit} K &gt; 0): the decision step d of the output
 *       layer's FIRST_TO_FIRE readout, and the spike history cut after step d (the network's dynamics up
 *       to d do not depend on later steps, so this is the history of a sample stopped at d);
 *   <li>output desire from the spike counts; desires of the hidden layers backwards (large layers
 *       split into ranges of their inputs), all with the weights of the forward pass;
 *   <li>the update of every layer, each worker a range of input rows of every layer (disjoint weights).
 * </ol>
 *
 * So a sample needs one barrier per large layer and direction, not one per time step. Every
 * reduction (a neuron's current, a desire sum, a trace sum) runs in a fixed order inside one worker,
 * so the result does not depend on the number of threads. The first layer works per group of input
 * channels with identical spike trains ({@link InputGroups}): fewer additions, same sums.
 */
abstract class DesireEngine implements TrainingEngine {
  final DesireConfig config;
  final DesireParams p;
  /** Input size, then layer sizes. */
  final int[] sizes;
  final int layers;
  final int steps;
  final long stepMask;
  /** Decision count K of early exit in training; 0: off. */
  final int earlyExit;
  /** Per layer: the error normaliser N of its neurons ({@link DesireConfig#errorScale}). */
  final int[] errorScale;
  /** Steps of the sample being trained that count (d + 1 with early exit, else T). */
  int credited;
  /** The spike bits of the credited steps. */
  long creditMask;
  /** The output neuron that decided the sample being trained, or −1 (no early exit, or no output reached K). */
  int decided = -1;
  /** Whether {@link #decided} was the only output to reach K at the decision step. */
  boolean decisionUnique;
  /** Early exit: output counts while looking for the decision step. */
  private final int[] decisionCounts;
  /** Early exit: one step's output spikes. */
  private final int[] decisionSpikes;
  /** D, the delay between layers. */
  final int delay;
  final Team team;
  final int workers;
  /**
   * A layer is split across the team in the forward and backward pass when it has at least this
   * many synapses and at least a quarter of the largest layer's ({@link #SMALL_LAYER_RATIO}). A
   * hand-off to the team costs microseconds, more when the machine is busy and the helper has to be
   * woken; a layer far smaller than the largest costs less on one core than split: 784-1000-100-10's
   * fc2 (100,000 synapses, about 80,000 additions per sample in the forward pass) runs on the caller,
   * so that a sample has two hand-offs (fc1's forward pass and the update) instead of four.
   */
  static final long PARALLEL_SYNAPSES = 1L << 16;
  /** See {@link #PARALLEL_SYNAPSES}. */
  static final int SMALL_LAYER_RATIO = 4;
  /** Per layer: whether it is split across the team in the forward and backward pass. */
  final boolean[] parallel;
  /** Per layer: worker ranges of its neurons (forward); all on worker 0 for a layer that is not split. */
  final int[][] outBounds;
  /** Per layer: worker ranges of its inputs (backward and update). */
  final int[][] inBounds;
  /** {@code keep[0]}: input channels; {@code keep[l+1]}: neurons of layer l (the last layer is always kept). */
  final boolean[][] keep;
  final int inputDropThreshold;
  final int hiddenDropThreshold;
  final InputSpikes input;
  /** The input channels grouped by spike train (built per sample when {@link #groupedInput()}). */
  final InputGroups groups;
  final SpikeHistory hist;
  /** Ternary desire per layer and neuron. */
  final int[][] desire;
  /** Per layer: neurons with a non-zero d·ε (they carry the desire sums of the layer below). */
  final int[][] backList;
  final int[] backLen;
  /** Per layer: neurons with a desire that fired at least once (their weights change). */
  final int[][] updList;
  final int[] updLen;
  /** Per layer: spikes of neurons with a desire, per step: {@code gsIdx[l][gsOff[l][t] .. gsOff[l][t+1])}. */
  final int[][] gsIdx;
  final int[][] gsOff;
  /** Per worker: a buffer of events. */
  final int[][] evBuf;
  /** Dropout on (training) or off (inference). */
  boolean training;
  /** Epoch of the sample being trained (0-based). */
  int epoch;

  DesireEngine(DesireConfig config, int threads) {
    this.config = config;
    this.p = config.params();
    this.sizes = config.sizes();
    this.layers = sizes.length - 1;
    this.steps = p.timesteps();
    this.stepMask = steps == 64 ? -1L : (1L << steps) - 1;
    this.earlyExit = config.earlyExit();
    this.credited = steps;
    this.creditMask = stepMask;
    this.delay = p.layerDelay();
    this.team = new Team(Math.max(1, threads), "desire-worker");
    this.workers = team.size();
    outBounds = new int[layers][];
    inBounds = new int[layers][];
    int[] layerSizes = new int[layers];
    int max = 0;
    parallel = new boolean[layers];
    long largest = 0;
    for (int l = 0; l < layers; l++) {
      largest = Math.max(largest, (long) sizes[l] * sizes[l + 1]);
    }
    for (int l = 0; l < layers; l++) {
      long synapses = (long) sizes[l] * sizes[l + 1];
      parallel[l] = workers > 1 && synapses >= PARALLEL_SYNAPSES && synapses * SMALL_LAYER_RATIO >= largest;
      outBounds[l] = parallel[l] ? team.split(sizes[l + 1]) : whole(sizes[l + 1], workers);
      inBounds[l] = team.split(sizes[l]);
      layerSizes[l] = sizes[l + 1];
      max = Math.max(max, Math.max(sizes[l], sizes[l + 1]));
    }
    keep = new boolean[layers + 1][];
    for (int l = 0; l <= layers; l++) {
      keep[l] = new boolean[sizes[l]];
      Arrays.fill(keep[l], true);
    }
    inputDropThreshold = DropoutMask.threshold(p.inputDropout());
    hiddenDropThreshold = DropoutMask.threshold(p.hiddenDropout());
    input = new InputSpikes(sizes[0], steps);
    groups = new InputGroups(sizes[0], steps);
    hist = new SpikeHistory(steps, layerSizes, outBounds);
    desire = new int[layers][];
    backList = new int[layers][];
    backLen = new int[layers];
    updList = new int[layers][];
    updLen = new int[layers];
    gsIdx = new int[layers][];
    gsOff = new int[layers][];
    for (int l = 0; l < layers; l++) {
      int n = sizes[l + 1];
      desire[l] = new int[n];
      backList[l] = new int[n];
      updList[l] = new int[n];
      gsIdx[l] = new int[n * steps];
      gsOff[l] = new int[steps + 1];
    }
    evBuf = new int[workers][max];
    errorScale = new int[layers];
    for (int l = 0; l < layers; l++) {
      errorScale[l] = config.errorScale(l);
    }
    decisionCounts = new int[sizes[layers]];
    decisionSpikes = new int[sizes[layers]];
  }

  // ---- the arithmetic, supplied by the float and the integer engine ----

  /** Clears membranes (and anything else per sample) before the forward pass. */
  abstract void beginSample();

  /** Currents of neurons {@code lo..hi} of layer l: the weight rows of the n events {@code ev[off..]}, in order. */
  abstract void accumulate(int l, int lo, int hi, int[] ev, int off, int n);

  /** Worker w's sums of the first layer's weights over the members of each {@link #groups input group}, neurons lo..hi. */
  abstract void groupSums(int lo, int hi, int w);

  /** Currents of neurons {@code lo..hi} of the first layer at step t: the group sums of the groups that spike at t. */
  abstract void accumulateGroups(int t, int lo, int hi, int w);

  /**
   * Whether the first layer's currents come from input groups. Exact in the integer form (integer
   * sums do not depend on their order); in the float form only for training, where the grouped sums
   * may differ from the per-spike order of {@code FloatSimulator} in the last bit.
   */
  abstract boolean groupedInput();

  /**
   * LIF update at step t of neurons {@code lo..hi} of layer l on their currents: writes the indices of
   * the neurons that fire, ascending, to {@code hist.idx[l][at..]}, sets their spike bits and counts,
   * and returns how many fired.
   */
  abstract int fire(int l, int t, int lo, int hi, int at);

  /** Desire and error of the output layer from its counts; fills {@link #desire}[L−1] and the error terms. */
  abstract void outputDesire(int label);

  /** Desires (and error terms) of inputs {@code from..to} of layer l, i.e. of neurons of layer l−1. */
  abstract void backward(int l, int from, int to);

  /**
   * Called once per training sample on the calling thread, after the desires and the update lists
   * ({@link #updList}) are known and before the parallel update: sequential work the update needs
   * (the integer form's stochastic-rounding draws). {@link #epoch} is the sample's epoch. Default: nothing.
   */
  void prepareUpdate(long position) {}

  /**
   * Update of layer l by worker w: input rows {@code from..to}, or for the first layer with {@link
   * #groupedInput()} the rows of the input groups {@code from..to} (a group's channels have the same
   * trace, hence the same trace sums).
   */
  abstract void update(int l, int from, int to, int w);

  // ---- the sample loop ----

  @Override
  public final SampleOutcome train(SpikeRaster x, int label, int epoch, long position) {
    if (label < 0 || label >= sizes[layers]) {
      throw new IllegalArgumentException("label " + label + " outside the " + sizes[layers] + " outputs");
    }
    this.epoch = epoch;
    training = true;
    drawMasks(epoch, position);
    runForward(x);
    int last = earlyExit > 0 ? decide() : steps - 1;
    hist.truncate(last);
    credited = last + 1;
    creditMask = credited == 64 ? -1L : (1L << credited) - 1;
    int[] counts = hist.count[layers - 1];
    int prediction = decided >= 0 ? decided : Readout.argmax(counts);
    boolean correct = prediction == label && (decided >= 0 ? decisionUnique : Readout.uniqueMax(counts));
    double loss = 0;
    int n = errorScale[layers - 1];
    for (int k = 0; k < counts.length; k++) {
      loss += Math.abs((k == label ? 1.0 : 0.0) - counts[k] / (double) n);
    }
    loss /= counts.length;
    outputDesire(label);
    listBackward(layers - 1);
    for (int l = layers - 1; l >= 1; l--) {
      final int layer = l;
      if (parallel[l]) {
        team.run(w -> backward(layer, inBounds[layer][w], inBounds[layer][w + 1]));
      } else {
        backward(l, 0, sizes[l]);
      }
      listBackward(l - 1);
    }
    for (int l = 0; l < layers; l++) {
      listUpdate(l);
    }
    prepareUpdate(position);
    boolean any = false;
    for (int l = 0; l < layers; l++) {
      any |= updLen[l] > 0;
    }
    if (any) {
      team.run(w -> {
        for (int l = 0; l < layers; l++) {
          if (updLen[l] > 0) {
            if (l == 0 && groupedInput()) {
              update(0, groupBound(w), groupBound(w + 1), w);
            } else {
              update(l, inBounds[l][w], inBounds[l][w + 1], w);
            }
          }
        }
      });
    }
    return new SampleOutcome(prediction, correct, loss);
  }

  /**
   * The first input group of worker w in the first layer's update: the groups split where their
   * member count (the rows the update writes) crosses w/n of the total, so the workers write about
   * equally many rows (a split by group count gave one worker the large groups of bright pixels).
   */
  private int groupBound(int w) {
    int c = groups.count;
    if (w >= workers) {
      return c;
    }
    long target = (long) groups.offset[c] * w / workers;
    int lo = 0;
    int hi = c;
    while (lo < hi) { // first g with offset[g] >= target
      int mid = (lo + hi) >>> 1;
      if (groups.offset[mid] < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The FIRST_TO_FIRE decision of the forward pass just run, at decision count {@link #earlyExit}, by
   * the readout's rule ({@link Readout#firstToReach}, {@link Readout#reachedCount}, as the simulators
   * apply it): sets {@link #decided} and {@link #decisionUnique}, and returns the decision step d
   * (0-based), or T − 1 with {@code decided = −1} when no output reaches K within T steps (the readout
   * then falls back to the spike count over all T steps).
   */
  private int decide() {
    int out = layers - 1;
    int[] counts = decisionCounts;
    int[] spiked = decisionSpikes;
    Arrays.fill(counts, 0);
    for (int t = 0; t < steps; t++) {
      int n = hist.copyEvents(out, t, spiked);
      for (int k = 0; k < n; k++) {
        counts[spiked[k]]++;
      }
      int first = Readout.firstToReach(counts, spiked, n, earlyExit);
      if (first >= 0) {
        decided = first;
        decisionUnique = Readout.reachedCount(counts, spiked, n, earlyExit) == 1;
        return t;
      }
    }
    decided = -1;
    return steps - 1;
  }

  /**
   * The forward pass without dropout or learning: the spikes of every layer, {@code [layer]} raster
   * over T steps. Equals the simulator of the exported network (tested).
   */
  public final SpikeRaster[] forward(SpikeRaster x) {
    training = false;
    decided = -1;
    credited = steps;
    creditMask = stepMask;
    for (boolean[] k : keep) {
      Arrays.fill(k, true);
    }
    runForward(x);
    SpikeRaster[] out = new SpikeRaster[layers];
    for (int l = 0; l < layers; l++) {
      out[l] = SpikeRaster.of(sizes[l + 1], hist.events(l));
    }
    return out;
  }

  private void runForward(SpikeRaster x) {
    input.load(x, keep[0]);
    if (groupedInput()) {
      groups.build(input.bits);
    }
    hist.clear();
    beginSample();
    for (int l = 0; l < layers; l++) {
      final int layer = l;
      if (parallel[l]) {
        team.run(w -> forwardAllSteps(layer, w));
      } else {
        forwardAllSteps(l, 0);
      }
    }
  }

  /**
   * All T steps of worker w's neuron range of layer l (the layer below is complete), in blocks of
   * {@value #BLOCK} neurons so that a block's weights stay in the core's cache over the T steps.
   * Each neuron's additions keep their order, so blocking changes no bit.
   */
  private void forwardAllSteps(int l, int w) {
    int lo = outBounds[l][w];
    int hi = outBounds[l][w + 1];
    if (lo == hi) {
      return;
    }
    int[] buf = evBuf[w];
    int size = sizes[l + 1];
    int[] len = hist.len[l];
    boolean grouped = l == 0 && groupedInput();
    for (int b0 = lo; b0 < hi; b0 += BLOCK) {
      int b1 = Math.min(hi, b0 + BLOCK);
      if (grouped) {
        groupSums(b0, b1, w);
      }
      for (int t = 0; t < steps; t++) {
        if (grouped) {
          accumulateGroups(t, b0, b1, w);
        } else if (l == 0) {
          accumulate(0, b0, b1, input.idx, t * sizes[0], input.len[t]);
        } else {
          int n = t < delay ? 0 : hist.copyEvents(l - 1, t - delay, buf);
          accumulate(l, b0, b1, buf, 0, n);
        }
        len[t * workers + w] += fire(l, t, b0, b1, t * size + lo + len[t * workers + w]);
      }
    }
  }

  /** Neurons per block of the forward pass. */
  static final int BLOCK = 128;

  /**
   * Replaces the weights by {@code weights[l][post][pre]} in units of the threshold (the float
   * form's weights; the integer form converts them like its initialisation).
   */
  abstract void setWeights(double[][][] weights);

  /**
   * An engine on one thread that shares this engine's weights (read-only) and has its own buffers:
   * for parallel inference. It must not be trained.
   */
  abstract DesireEngine inferenceCopy();

  /**
   * Evaluates the current weights on {@code test} with {@code threads} inference copies running the
   * forward pass without dropout ({@link #forward}, equal to the float or integer simulator of the
   * exported network), each sample's result stored at its position: the report does not depend on
   * the number of threads.
   */
  final EvalReport evaluateParallel(Dataset test, SpikeEncoder encoder, int threads) {
    int n = test.size();
    int[] predictions = new int[n];
    boolean[] correct = new boolean[n];
    long[][] spikes = new long[n][];
    long[] inputSpikes = new long[n];
    long[] ops = new long[n];
    int workers = Math.max(1, Math.min(threads, n));
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    Runnable job = () -> {
      DesireEngine e = inferenceCopy();
      for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
        SpikeRaster x = test.isTemporal() ? test.raster(i) : test.encode(i, encoder, steps);
        e.forward(x);
        int[] counts = e.hist.count[layers - 1];
        predictions[i] = Readout.argmax(counts);
        correct[i] = predictions[i] == test.label(i) && Readout.uniqueMax(counts);
        long[] ls = new long[layers];
        long in = 0;
        long o = 0;
        for (int t = 0; t < steps; t++) {
          in += e.input.len[t];
          o += (long) e.input.len[t] * sizes[1];
        }
        for (int l = 0; l < layers; l++) {
          for (int c : e.hist.count[l]) {
            ls[l] += c;
          }
          if (l + 1 < layers) {
            o += ls[l] * sizes[l + 2];
          }
        }
        spikes[i] = ls;
        inputSpikes[i] = in;
        ops[i] = o;
      }
    };
    if (workers == 1) {
      job.run();
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(workers);
      try {
        List<Future<?>> fs = new ArrayList<>();
        for (int k = 0; k < workers; k++) {
          fs.add(pool.submit(job));
        }
        for (Future<?> f : fs) {
          f.get();
        }
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("evaluation interrupted", ex);
      } catch (ExecutionException ex) {
        if (ex.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(ex.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    int nCorrect = 0;
    double[] mean = new double[layers];
    double meanIn = 0;
    long totalOps = 0;
    for (int i = 0; i < n; i++) {
      nCorrect += correct[i] ? 1 : 0;
      for (int l = 0; l < layers; l++) {
        mean[l] += spikes[i][l] / (double) n;
      }
      meanIn += inputSpikes[i] / (double) n;
      totalOps += ops[i];
    }
    int[] decision = new int[n];
    Arrays.fill(decision, steps);
    return new EvalReport(precision(), n, nCorrect, predictions, decision, mean, meanIn, totalOps, seconds, workers);
  }

  /** Bounds that give all of {@code 0..n} to worker 0. */
  private static int[] whole(int n, int workers) {
    int[] b = new int[workers + 1];
    java.util.Arrays.fill(b, 1, workers + 1, n);
    return b;
  }

  private void drawMasks(int epoch, long position) {
    if (inputDropThreshold == 0 && hiddenDropThreshold == 0) {
      return;
    }
    Lfsr lfsr = Lfsr.seeded(config.seed(), DropoutMask.stream(epoch, position));
    DropoutMask.draw(lfsr, inputDropThreshold, keep[0], sizes[0]);
    for (int l = 0; l < layers - 1; l++) {
      DropoutMask.draw(lfsr, hiddenDropThreshold, keep[l + 1], sizes[l + 1]);
    }
  }

  /** Neurons of layer l whose d·ε is non-zero: a desire, and a count that is not exactly the target. */
  private void listBackward(int l) {
    int[] d = desire[l];
    int[] c = hist.count[l];
    int[] list = backList[l];
    int n = 0;
    int target = errorScale[l];
    for (int j = 0; j < d.length; j++) {
      if (d[j] != 0 && c[j] != (d[j] > 0 ? target : 0)) {
        list[n++] = j;
      }
    }
    backLen[l] = n;
  }

  /** Neurons of layer l with a desire that fired, and their spikes per credited step. */
  private void listUpdate(int l) {
    int[] d = desire[l];
    int[] c = hist.count[l];
    int n = 0;
    for (int j = 0; j < d.length; j++) {
      if (d[j] != 0 && c[j] > 0) {
        updList[l][n++] = j;
      }
    }
    updLen[l] = n;
    int[] off = gsOff[l];
    int[] idx = gsIdx[l];
    int m = 0;
    int size = sizes[l + 1];
    for (int t = 0; t < credited; t++) {
      off[t] = m;
      if (n == 0) {
        continue;
      }
      for (int k = 0; k < workers; k++) {
        int len = hist.len[l][t * workers + k];
        int base = t * size + outBounds[l][k];
        for (int e = 0; e < len; e++) {
          int j = hist.idx[l][base + e];
          if (d[j] != 0) {
            idx[m++] = j;
          }
        }
      }
    }
    Arrays.fill(off, credited, steps + 1, m);
  }

  /**
   * Spike bits of input {@code i} of layer {@code l} as the layer saw them (layers ≥ 1: D steps late),
   * in the credited steps.
   */
  final long inputBits(int l, int i) {
    return (l == 0 ? input.bits[i] : hist.bits[l - 1][i] << delay) & creditMask;
  }

  @Override
  public String rule() {
    return "desire";
  }

  @Override
  public Map<String, Object> describe() {
    return config.describe();
  }

  @Override
  public int timesteps() {
    return steps;
  }

  @Override
  public void close() {
    team.close();
  }
}
