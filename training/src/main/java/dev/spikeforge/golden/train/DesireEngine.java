package dev.spikeforge.golden.train;

import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.learning.DropoutMask;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.readout.Readout;
import dev.spikeforge.golden.sim.InputTrains;
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
 *       which are known once layer l−1 is done;
 *   <li>with early exit ({@link DesireConfig#earlyExit} K &gt; 0): the decision step d of the output
 *       layer's FIRST_TO_FIRE readout, and the spike history cut after step d (the network's dynamics up
 *       to d do not depend on later steps, so this is the history of a sample stopped at d);
 *   <li>output desire from the spike counts; desires of the hidden layers backwards, all with the
 *       weights of the forward pass;
 *   <li>the update of every layer.
 * </ol>
 *
 * <p><b>A team of threads.</b> Every worker of the {@link Team} runs this loop for the same sample
 * ({@link #trainMember}) and owns, in each large ("split") layer, a range of neurons: it runs their
 * forward pass over all T steps, computes their desires, updates the first layer's weights into them
 * (a column range of the first layer) and the next layer's weights out of them (a row range). Its
 * first-layer neurons depend only on the input and their own weights, so the whole first layer runs
 * without any synchronisation, and each later layer needs one barrier. Worker 0 alone does the small
 * rest (small layers, the decision, the output desire). Dropout masks and the input's spike lists
 * are built by every worker from the same stream into buffers of its own (no hand-off for them);
 * membranes and currents are per worker too, so that no two workers write the same cache lines at
 * every step. A sample needs one barrier per split layer after the first, one or two per split layer
 * of the backward pass and one before the learning (three at 784-1000-100-10, besides the start and
 * end of the task). The first layer's weights lie in one column panel per worker ({@link
 * WeightLayout}), and a layer's forward pass fetches the spikes of the layer below (partly written by
 * other workers) in one pass over all steps, so that the workers, which may sit on different core
 * complexes, exchange as few cache lines as possible. Every neuron's current, desire sum and trace
 * sum is added in a fixed order inside one worker, so the bits do not depend on the number of
 * threads. The first
 * layer works per group of input channels with identical spike trains ({@link InputTrains}): fewer
 * additions, same sums.
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
   * A layer is split across the team when it has at least this many synapses. A barrier of the team
   * costs well under a microsecond when both cores are free; 784-1000-100-10's fc2 (100,000 synapses,
   * about 5 % of a sample on one thread) is split, its fc3 (1,000) is not.
   */
  static final long PARALLEL_SYNAPSES = 1L << 16;
  /** Per layer: whether its neurons are split across the team. */
  final boolean[] parallel;
  /** Per layer: the desires of its inputs (neurons of layer l−1, l ≥ 2) are split across the team. */
  private final boolean[] backwardSplit;
  /**
   * Per layer: worker ranges of its neurons, {@code outBounds[l][w] .. outBounds[l][w+1]}; all on
   * worker 0 for a layer that is not split.
   */
  final int[][] outBounds;
  /** Per worker: {@code keeps[w][0]}: input channels; {@code keeps[w][l+1]}: neurons of layer l (the last layer is always kept). */
  final boolean[][][] keeps;
  /** Worker 0's dropout masks ({@code keeps[0]}). */
  final boolean[][] keep;
  final int inputDropThreshold;
  final int hiddenDropThreshold;
  /** Per worker: the input spikes of the sample. */
  final InputSpikes[] inputs;
  /** Worker 0's input spikes ({@code inputs[0]}). */
  final InputSpikes input;
  /** Per worker: the input channels grouped by spike train (built per sample when {@link #groupedInput()}). */
  final InputTrains[] groupSets;
  final SpikeHistory hist;
  /** Ternary desire per layer and neuron. */
  final int[][] desire;
  /** Per worker and layer: neurons with a non-zero d·ε (they carry the desire sums of the layer below). */
  final int[][][] backList;
  final int[][] backLen;
  /**
   * Per worker and layer: neurons with a desire that fired at least once (their weights change): in
   * the first layer those of the worker's own range, in the others all.
   */
  final int[][][] updList;
  final int[][] updLen;
  /**
   * Per worker and layer: spikes of the neurons of {@link #updList}, per step: {@code
   * gsIdx[w][l][gsOff[w][l][t] .. gsOff[w][l][t+1])}.
   */
  final int[][][] gsIdx;
  final int[][][] gsOff;
  /** Per worker: the spikes of the layer below over all steps ({@link SpikeHistory#copyAllEvents}) and their step offsets. */
  final int[][] evBuf;
  final int[][] evOff;
  /**
   * Per layer: where its weights sit ({@link WeightLayout}): the first layer of a team in one column
   * panel per worker, the others plain. Shared with the engine's twins, which have other ranges.
   */
  final WeightLayout[] layout;
  /** Dropout on (training) or off (inference). */
  boolean training;
  /** Epoch of the sample being trained (0-based). */
  int epoch;
  /** Position of the sample being trained. */
  private long position;
  /** The sample being trained or run, its label (training), and the outcome worker 0 found. */
  private SpikeRaster sample;
  private int label;
  private SampleOutcome outcome;

  DesireEngine(DesireConfig config, int threads, WeightLayout[] shared) {
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
    int[] layerSizes = new int[layers];
    int max = 0;
    parallel = new boolean[layers];
    backwardSplit = new boolean[layers];
    for (int l = 0; l < layers; l++) {
      long synapses = (long) sizes[l] * sizes[l + 1];
      parallel[l] = workers > 1 && synapses >= PARALLEL_SYNAPSES;
      outBounds[l] = parallel[l] ? split(sizes[l + 1], workers) : whole(sizes[l + 1], workers);
      layerSizes[l] = sizes[l + 1];
      max = Math.max(max, Math.max(sizes[l], sizes[l + 1]));
    }
    for (int l = 2; l < layers; l++) {
      backwardSplit[l] = parallel[l] && parallel[l - 1];
    }
    keeps = new boolean[workers][layers + 1][];
    inputs = new InputSpikes[workers];
    groupSets = new InputTrains[workers];
    for (int w = 0; w < workers; w++) {
      for (int l = 0; l <= layers; l++) {
        keeps[w][l] = new boolean[sizes[l]];
        Arrays.fill(keeps[w][l], true);
      }
      inputs[w] = new InputSpikes(sizes[0], steps);
      groupSets[w] = new InputTrains(sizes[0]);
    }
    keep = keeps[0];
    input = inputs[0];
    inputDropThreshold = DropoutMask.threshold(p.inputDropout());
    hiddenDropThreshold = DropoutMask.threshold(p.hiddenDropout());
    hist = new SpikeHistory(steps, layerSizes, outBounds);
    desire = new int[layers][];
    for (int l = 0; l < layers; l++) {
      desire[l] = new int[sizes[l + 1]];
    }
    backList = new int[workers][layers][];
    backLen = new int[workers][layers];
    updList = new int[workers][layers][];
    updLen = new int[workers][layers];
    gsIdx = new int[workers][layers][];
    gsOff = new int[workers][layers][];
    for (int w = 0; w < workers; w++) {
      for (int l = 0; l < layers; l++) {
        int n = sizes[l + 1];
        backList[w][l] = new int[n];
        updList[w][l] = new int[n];
        gsIdx[w][l] = new int[n * steps];
        gsOff[w][l] = new int[steps + 1];
      }
    }
    evBuf = new int[workers][steps * max];
    evOff = new int[workers][steps + 1];
    if (shared != null) {
      layout = shared;
    } else {
      layout = new WeightLayout[layers];
      for (int l = 0; l < layers; l++) {
        layout[l] = l == 0 && parallel[0] ? WeightLayout.panels(sizes[0], sizes[1], outBounds[0])
            : WeightLayout.plain(sizes[l], sizes[l + 1]);
      }
    }
    errorScale = new int[layers];
    for (int l = 0; l < layers; l++) {
      errorScale[l] = config.errorScale(l);
    }
    decisionCounts = new int[sizes[layers]];
    decisionSpikes = new int[sizes[layers]];
  }

  // ---- the arithmetic, supplied by the float and the integer engine ----

  /** Clears the membranes of worker w's neurons {@code lo..hi} of layer l before the forward pass. */
  abstract void beginSample(int l, int lo, int hi, int w);

  /**
   * Worker w's currents of neurons {@code lo..hi} of layer l (contiguous in {@link #layout}): the
   * weight rows of the n events {@code ev[off..]}, in order.
   */
  abstract void accumulate(int l, int lo, int hi, int[] ev, int off, int n, int w);

  /** Worker w's sums of the first layer's weights over the members of each input group ({@link #groupSets}), neurons lo..hi. */
  abstract void groupSums(int lo, int hi, int w);

  /** Worker w's currents of neurons {@code lo..hi} of the first layer at step t: the group sums of the groups that spike at t. */
  abstract void accumulateGroups(int t, int lo, int hi, int w);

  /**
   * Whether the first layer's currents come from input groups. Exact in the integer form (integer
   * sums do not depend on their order); in the float form only for training, where the grouped sums
   * may differ from the per-spike order of {@code FloatSimulator} in the last bit.
   */
  abstract boolean groupedInput();

  /**
   * LIF update by worker w at step t of neurons {@code lo..hi} of layer l on their currents: writes
   * the indices of the neurons that fire, ascending, to {@code hist.idx[l][at..]}, sets their spike
   * bits and counts, and returns how many fired.
   */
  abstract int fire(int l, int t, int lo, int hi, int at, int w);

  /** Desire and error of the output layer from its counts; fills {@link #desire}[L−1] and the error terms. */
  abstract void outputDesire(int label);

  /** Desires (and error terms) of inputs {@code from..to} of layer l, i.e. of neurons of layer l−1, by worker w. */
  abstract void backward(int l, int from, int to, int w);

  /**
   * Whether the update needs {@link #prepareUpdate} (sequential work on the complete update lists,
   * done by worker 0 between two barriers). Default: no.
   */
  boolean preparesUpdate() {
    return false;
  }

  /**
   * Called once per training sample by worker 0 when {@link #preparesUpdate()}, after the desires
   * and the update lists of every worker are known and before the update: the integer form's
   * stochastic-rounding draws. {@link #epoch} is the sample's epoch.
   */
  void prepareUpdate(long position) {}

  /**
   * Update of layer l by worker w: input rows {@code from..to}, or for the first layer with {@link
   * #groupedInput()} the rows of the input groups {@code from..to} (a group's channels have the same
   * trace, hence the same trace sums); the neurons (columns) are those of worker w's {@link #updList}.
   */
  abstract void update(int l, int from, int to, int w);

  /** The number of neurons of layer l whose weights change in this sample (all workers' lists). */
  final int updateTotal(int l) {
    if (l > 0) {
      return updLen[0][l];
    }
    int n = 0;
    for (int w = 0; w < workers; w++) {
      n += updLen[w][0];
    }
    return n;
  }

  /** Where worker w's {@link #updList} of layer l starts in the list of all its neurons. */
  final int updateOffset(int l, int w) {
    int n = 0;
    for (int k = 0; l == 0 && k < w; k++) {
      n += updLen[k][0];
    }
    return n;
  }

  // ---- the sample loop ----

  @Override
  public final SampleOutcome train(SpikeRaster x, int label, int epoch, long position) {
    if (label < 0 || label >= sizes[layers]) {
      throw new IllegalArgumentException("label " + label + " outside the " + sizes[layers] + " outputs");
    }
    this.epoch = epoch;
    this.position = position;
    this.label = label;
    this.sample = x;
    training = true;
    try {
      team.run(this::trainMember);
    } finally {
      sample = null;
    }
    return outcome;
  }

  /** Worker w's part of training on {@link #sample}: see the class comment. */
  private void trainMember(int w) {
    drawMasks(w);
    forwardMember(w);
    if (w == 0) {
      finishForward();
    }
    boolean workerZeroOnly = true;
    for (int l = layers - 1; l >= 2; l--) {
      boolean split = backwardSplit[l];
      if (split || !workerZeroOnly) {
        team.sync(w);
      }
      if (split || w == 0) {
        listBackward(l, w);
        int[] b = outBounds[l - 1];
        backward(l, split ? b[w] : 0, split ? b[w + 1] : sizes[l], w);
      }
      workerZeroOnly = !split;
    }
    team.sync(w);
    int lo = outBounds[0][w];
    int hi = outBounds[0][w + 1];
    if (layers > 1 && lo < hi) {
      listBackward(1, w);
      backward(1, lo, hi, w);
    }
    listUpdate(0, lo, hi, w);
    for (int l = 1; l < layers; l++) {
      listUpdate(l, 0, sizes[l + 1], w);
    }
    if (preparesUpdate()) {
      team.sync(w);
      if (w == 0) {
        prepareUpdate(position);
      }
      team.sync(w);
    }
    if (updLen[w][0] > 0) {
      update(0, 0, groupedInput() ? groupSets[w].count() : sizes[0], w);
    }
    for (int l = 1; l < layers; l++) {
      int[] rows = outBounds[l - 1];
      if (updLen[w][l] > 0 && rows[w] < rows[w + 1]) {
        update(l, rows[w], rows[w + 1], w);
      }
    }
  }

  /**
   * Worker 0, once the forward pass is complete: the decision (early exit), the history cut after
   * it, the outcome, the output desire.
   */
  private void finishForward() {
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
    outcome = new SampleOutcome(prediction, correct, loss);
    outputDesire(label);
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
    sample = x;
    try {
      team.run(w -> {
        drawMasks(w);
        forwardMember(w);
      });
    } finally {
      sample = null;
    }
    SpikeRaster[] out = new SpikeRaster[layers];
    for (int l = 0; l < layers; l++) {
      out[l] = SpikeRaster.of(sizes[l + 1], hist.events(l));
    }
    return out;
  }

  /**
   * Worker w's part of the forward pass of {@link #sample}: its input buffers, then its range of
   * every layer, with a barrier before a layer whenever the layer or the one below it is split. On
   * return worker 0 has the complete spikes of every layer.
   */
  private void forwardMember(int w) {
    if (parallel[0] || w == 0) {
      inputs[w].load(sample, keeps[w][0], !groupedInput() || !training);
      if (groupedInput()) {
        groupSets[w].group(inputs[w].bits, steps);
      }
    }
    for (int l = 0; l < layers; l++) {
      if (outBounds[l][w] < outBounds[l][w + 1]) {
        hist.clear(l, w);
        beginSample(l, outBounds[l][w], outBounds[l][w + 1], w);
      }
    }
    for (int l = 0; l < layers; l++) {
      if (l > 0 && (parallel[l] || parallel[l - 1])) {
        team.sync(w);
      }
      forwardAllSteps(l, w);
    }
    if (parallel[layers - 1]) {
      team.sync(w);
    }
  }

  /**
   * All T steps of worker w's neuron range of layer l (the layer below is complete), in blocks of
   * {@value #BLOCK} neurons so that a block's weights stay in the core's cache over the T steps (and
   * inside one panel of {@link #layout}). Each neuron's additions keep their order, so blocking
   * changes no bit.
   */
  private void forwardAllSteps(int l, int w) {
    int lo = outBounds[l][w];
    int hi = outBounds[l][w + 1];
    if (lo == hi) {
      return;
    }
    int[] buf = evBuf[w];
    int[] off = evOff[w];
    if (l > 0) {
      hist.copyAllEvents(l - 1, buf, off);
    }
    int size = sizes[l + 1];
    int[] len = hist.len[l];
    int at = w * hist.stride;
    InputSpikes in = inputs[w];
    boolean grouped = l == 0 && groupedInput();
    WeightLayout lay = layout[l];
    for (int b0 = lo, b1; b0 < hi; b0 = b1) {
      b1 = lay.contiguousEnd(b0, Math.min(hi, b0 + BLOCK));
      if (grouped) {
        groupSums(b0, b1, w);
      }
      for (int t = 0; t < steps; t++) {
        if (grouped) {
          accumulateGroups(t, b0, b1, w);
        } else if (l == 0) {
          accumulate(0, b0, b1, in.idx, t * sizes[0], in.len[t], w);
        } else {
          int from = t < delay ? 0 : off[t - delay];
          accumulate(l, b0, b1, buf, from, t < delay ? 0 : off[t - delay + 1] - from, w);
        }
        len[at + t] += fire(l, t, b0, b1, t * size + lo + len[at + t], w);
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
   * An engine on one thread that shares this engine's weights and trains them: training a sample on
   * it gives the same bits as on this engine ({@link AdaptiveDesireEngine} switches between the two).
   * Only one of them may run at a time.
   */
  abstract DesireEngine soloTwin();

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

  /**
   * Bounds of {@code 0..n} for {@code workers} workers, equal shares. (Worker 0's serial work lies
   * between barriers, where the others wait whatever their share, so an equal split is the fastest.
   * The shares need no rounding to cache lines: the first layer's weights lie in a panel per worker
   * ({@link WeightLayout}), and a per-neuron array shares at most one line between two workers; with
   * shares on multiples of 16, 784-1000-100-10's second worker had 504 fc1 neurons to the first's 496
   * and the first waited for it at the barrier after fc1.)
   */
  static int[] split(int n, int workers) {
    int[] b = new int[workers + 1];
    for (int k = 1; k < workers; k++) {
      b[k] = (int) Math.round((double) n * k / workers);
    }
    b[workers] = n;
    return b;
  }

  /** Worker w's copy of the dropout masks of the sample (all kept in inference). */
  private void drawMasks(int w) {
    boolean[][] k = keeps[w];
    if (!training || (inputDropThreshold == 0 && hiddenDropThreshold == 0)) {
      for (boolean[] m : k) {
        Arrays.fill(m, true);
      }
      return;
    }
    Lfsr lfsr = Lfsr.seeded(config.seed(), DropoutMask.stream(epoch, position));
    DropoutMask.draw(lfsr, inputDropThreshold, k[0], sizes[0]);
    for (int l = 0; l < layers - 1; l++) {
      DropoutMask.draw(lfsr, hiddenDropThreshold, k[l + 1], sizes[l + 1]);
    }
  }

  /** Worker w's list of the neurons of layer l whose d·ε is non-zero: a desire, and a count that is not exactly the target. */
  private void listBackward(int l, int w) {
    int[] d = desire[l];
    int[] c = hist.count[l];
    int[] list = backList[w][l];
    int n = 0;
    int target = errorScale[l];
    for (int j = 0; j < d.length; j++) {
      if (d[j] != 0 && c[j] != (d[j] > 0 ? target : 0)) {
        list[n++] = j;
      }
    }
    backLen[w][l] = n;
  }

  /**
   * Worker w's list of the neurons {@code lo..hi} of layer l with a desire that fired, and their
   * spikes per credited step.
   */
  private void listUpdate(int l, int lo, int hi, int w) {
    int[] d = desire[l];
    int[] c = hist.count[l];
    int[] list = updList[w][l];
    int n = 0;
    for (int j = lo; j < hi; j++) {
      if (d[j] != 0 && c[j] > 0) {
        list[n++] = j;
      }
    }
    updLen[w][l] = n;
    int[] off = gsOff[w][l];
    int[] idx = gsIdx[w][l];
    int m = 0;
    int size = sizes[l + 1];
    int[] bounds = outBounds[l];
    for (int t = 0; t < credited; t++) {
      off[t] = m;
      if (n == 0) {
        continue;
      }
      for (int k = 0; k < workers; k++) {
        if (bounds[k + 1] <= lo || bounds[k] >= hi) {
          continue;
        }
        int len = hist.len(l, k, t);
        int base = t * size + bounds[k];
        for (int e = 0; e < len; e++) {
          int j = hist.idx[l][base + e];
          if (j >= lo && j < hi && d[j] != 0) {
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

  /** {@link #inputBits} as worker w sees them (its own copy of the input). */
  final long inputBits(int l, int i, int w) {
    return (l == 0 ? inputs[w].bits[i] : hist.bits[l - 1][i] << delay) & creditMask;
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
